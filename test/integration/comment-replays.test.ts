import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeComment } from '../../sandbox/github/index.ts';
import { engines } from '../support/engines.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

const config = `environments:
  production:
    branch: main
    backend: { provider: command, run: echo "deployed $RUNWAY_SHA" }
`;
const O = 'acme';
const R = 'replays';

describe.each(engines)('a comment command acts once, on the %s store', (engine) => {
  let stack: RunwayStack;
  let issue = 10;
  beforeAll(async () => {
    stack = await startRunwayStack(engine);
    stack.github.createRepo({ owner: O, name: R, files: { '.github/deploy.yml': config } });
    stack.github.setPermission(O, R, 'writer', 'write');
  });
  afterAll(() => stack?.close());

  const replies = (n: number) => stack.github.comments(O, R, n).filter((c: FakeComment) => c.user === 'runway[bot]');
  const payloadOf = (c: FakeComment) => stack.github.buildPayload.issueCommentCreated(O, R, c.id) as Record<string, unknown>;

  /**
   * Comments `/help` and waits for its answer. Comments on one issue are answered in order, so when
   * the sentinel is answered every earlier delivery on that issue has been acted on (or dropped).
   */
  async function sentinel(n: number): Promise<void> {
    const before = replies(n).length;
    await stack.github.comment(O, R, n, { user: 'writer', body: '/help' });
    await stack.github.waitFor(
      () =>
        replies(n)
          .slice(before)
          .find((c) => c.body.includes('/deploy')),
      { what: "the sentinel's answer" },
    );
  }

  it('replayed under new delivery ids, a signed /deploy deploys once and replies once', async () => {
    const n = ++issue;
    const before = stack.github.deployments(O, R).length;
    const first = await stack.github.comment(O, R, n, { user: 'writer', body: '/deploy main to production' });
    expect(first.status).toBe(200);
    const command = stack.github.comments(O, R, n)[0]!;
    await stack.github.waitFor(() => stack.github.deployments(O, R)[before], { what: 'the deployment' });
    // The same signed payload again, as an attacker who captured it (or a tool re-sending it) would.
    for (let i = 0; i < 3; i++) expect((await stack.github.sendWebhook('issue_comment', payloadOf(command))).status).toBe(200);
    // And GitHub's own redelivery of the original.
    expect((await stack.github.redeliver(first.id)).status).toBe(200);
    await sentinel(n);
    expect(stack.github.deployments(O, R).length).toBe(before + 1);
    expect(replies(n)).toHaveLength(2); // the /deploy reply (edited in place) and the sentinel's
    const rows = await stack.runway.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs WHERE kind = 'command' AND payload->>'commentId' = $1`,
      [String(command.id)],
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('a comment first seen long after it was written gets 😕 and a note, not an action, once', async () => {
    const n = ++issue;
    const before = stack.github.deployments(O, R).length;
    // Written (and stored on GitHub) while Runway was not listening; delivered ten minutes later.
    stack.github.setWebhookTarget('http://127.0.0.1:9/nowhere');
    await stack.github.comment(O, R, n, { user: 'writer', body: '/deploy main to production' });
    stack.github.setWebhookTarget(`${stack.runway.url}/api/github/webhooks`);
    const command = stack.github.comments(O, R, n)[0]!;
    const payload = payloadOf(command);
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    Object.assign(payload.comment as object, { created_at: tenMinutesAgo, updated_at: tenMinutesAgo });
    expect((await stack.github.sendWebhook('issue_comment', payload)).status).toBe(200);
    const note = await stack.github.waitFor(() => replies(n)[0], { what: 'the note' });
    expect(note.body).toMatch(/^Runway received this command 10 min after it was written .* so it did not run it\. Comment again/);
    expect(stack.github.reactions(command.id)).toEqual(['confused']);
    expect((await stack.github.sendWebhook('issue_comment', payload)).status).toBe(200);
    await sentinel(n);
    expect(replies(n)).toHaveLength(2); // one note, the sentinel's answer
    expect(stack.github.deployments(O, R).length).toBe(before);
  });

  it('an edited comment is not a new command', async () => {
    const n = ++issue;
    const before = stack.github.deployments(O, R).length;
    await stack.github.comment(O, R, n, { user: 'writer', body: 'deploying soon' });
    const comment = stack.github.comments(O, R, n)[0]!;
    const edited: Record<string, unknown> = { ...payloadOf(comment), action: 'edited', changes: { body: { from: 'deploying soon' } } };
    Object.assign(edited.comment as object, { body: '/deploy main to production' });
    expect((await stack.github.sendWebhook('issue_comment', edited)).status).toBe(200);
    await sentinel(n);
    expect(replies(n)).toHaveLength(1); // only the sentinel's answer
    expect(stack.github.deployments(O, R).length).toBe(before);
  });
});
