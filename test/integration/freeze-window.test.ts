import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLockExpiryNow } from '../support/run-lock-expiry.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

// Friday 18:00 in Berlin for 64 hours: 2026-12-04 17:00 UTC to 2026-12-07 09:00 UTC.
const config = `environments:
  production:
    branch: main
    freeze:
      - { schedule: 0 18 * * FRI, duration: 64h, time_zone: Europe/Berlin }
    backend: { provider: command, run: echo deployed }
  docs:
    branch: main
    freeze:
      - { schedule: 0 18 * * FRI, duration: 64h, time_zone: Europe/Berlin, merges: refuse }
    backend: { provider: command, run: echo deployed }
`;

describe('freeze windows', () => {
  let stack: RunwayStack;
  // Runway's clock: the test moves it.
  let now = new Date('2026-12-04T18:30:00Z');
  let firstSha = '';
  beforeAll(async () => {
    stack = await startRunwayStack('postgres', {}, { clock: () => now });
    firstSha = stack.github.createRepo({ owner: 'acme', name: 'frozen', files: { '.github/deploy.yml': config, VERSION: 'v1' } }).headSha;
    stack.github.setPermission('acme', 'frozen', 'ops', 'write');
    stack.github.setPermission('acme', 'frozen', 'boss', 'admin');
  });
  afterAll(() => stack?.close());

  const bot = (n: number) => stack.github.comments('acme', 'frozen', n).filter((c) => c.user === 'runway[bot]');
  const of = (environment: string, sha: string) =>
    stack.github.deployments('acme', 'frozen').find((d) => d.environment === environment && d.sha === sha);

  it('queues a merge while the window is closed and deploys it when the window ends; refuses per config; commands need --force', async () => {
    const { github } = stack;
    github.commit('acme', 'frozen', { branch: 'fix', files: { VERSION: 'v2' } });
    const pr = github.openPullRequest('acme', 'frozen', { head: 'fix', user: 'dev' });
    const { mergeSha } = await github.mergePullRequest('acme', 'frozen', pr, { mergedBy: 'ops' });

    const queued = await github.waitFor(() => (of('production', mergeSha)?.statuses.length ? of('production', mergeSha) : undefined), {
      what: 'the production deployment, queued by the freeze',
    });
    expect(queued.statuses.map((s) => s.state)).toEqual(['queued']);
    expect(queued.statuses[0]!.description).toBe(
      'waiting for lock by @runway[bot]: freeze window `0 18 * * FRI` (Europe/Berlin) until 2026-12-07 09:00 UTC',
    );
    const refusal = await github.waitFor(() => bot(pr).find((c) => c.body.includes('**docs**')), { what: 'the docs refusal' });
    expect(refusal.body).toContain(
      'Runway did not deploy **docs**: freeze window `0 18 * * FRI` (Europe/Berlin) until 2026-12-07 09:00 UTC, and merges are refused while it is closed.',
    );
    expect(of('docs', mergeSha)).toBeUndefined();

    // A command is refused while the window is closed; an admin's --force passes it.
    await github.comment('acme', 'frozen', 700, { user: 'ops', body: `/deploy ${firstSha} to docs` });
    const refused = await github.waitFor(() => bot(700)[0], { what: 'the refused /deploy' });
    expect(refused.body).toBe(
      'Refused: **docs** is in a freeze window `0 18 * * FRI` (Europe/Berlin) until 2026-12-07 09:00 UTC. Deploy after it ends, or an admin may `/deploy --force`.',
    );
    await github.comment('acme', 'frozen', 700, { user: 'boss', body: `/deploy ${firstSha} to docs --force` });
    const forced = await github.waitFor(
      () => (of('docs', firstSha)?.statuses.at(-1)?.state === 'success' ? of('docs', firstSha) : undefined),
      {
        what: 'the forced deployment during the freeze',
        timeoutMs: 30_000,
      },
    );
    expect(forced.sha).toBe(firstSha);

    // One minute before the end the merge still waits; at the end it deploys.
    now = new Date('2026-12-07T08:59:00Z');
    await runLockExpiryNow(stack);
    expect(of('production', mergeSha)!.statuses.map((s) => s.state)).toEqual(['queued']);
    now = new Date('2026-12-07T09:00:00Z');
    await runLockExpiryNow(stack);
    const shipped = await github.waitFor(
      () => (of('production', mergeSha)?.statuses.at(-1)?.state === 'success' ? of('production', mergeSha) : undefined),
      { what: 'the merge deployment after the window ended', timeoutMs: 30_000 },
    );
    expect(shipped.statuses.map((s) => s.state)).toEqual(['queued', 'in_progress', 'success']);
  });
});
