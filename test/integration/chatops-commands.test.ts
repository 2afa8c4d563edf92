import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeComment } from '../../sandbox/github/index.ts';
import { engines } from '../support/engines.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';
import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';

const config = `environments:
  production:
    branch: main
    backend:
      provider: command
      run: echo "production at $(cat VERSION)"
      url: https://shop.example.test
  staging:
    branch: develop
    backend: { provider: command, run: echo "staging at $(cat VERSION)" }
`;

const O = 'acme';
const R = 'shop';

describe.each(engines)('comment commands, on the %s store', (engine) => {
  let stack: RunwayStack;
  let issue = 100;
  beforeAll(async () => {
    stack = await startRunwayStack(engine);
    const { github } = stack;
    github.createRepo({ owner: O, name: R, files: { '.github/deploy.yml': config, VERSION: 'v1' } });
    github.setPermission(O, R, 'writer', 'write');
    github.setPermission(O, R, 'reader', 'read');
  });
  afterAll(() => stack?.close());

  const bot = (c: FakeComment) => c.user === 'runway[bot]';

  /** Comments `body` as `user` and returns the command comment and Runway's first reply to it. */
  async function ask(
    number: number,
    user: string,
    body: string,
    replyMatch?: RegExp,
  ): Promise<{ command: FakeComment; reply: FakeComment }> {
    const { github } = stack;
    const before = github.comments(O, R, number).length;
    const delivery = await github.comment(O, R, number, { user, body });
    expect(delivery.status).toBe(200);
    const command = github.comments(O, R, number)[before]!;
    const reply = await github.waitFor(
      () =>
        github
          .comments(O, R, number)
          .slice(before + 1)
          .find((c) => bot(c) && (!replyMatch || replyMatch.test(c.body))),
      { what: `Runway's reply to ${body}`, timeoutMs: 30_000 },
    );
    return { command, reply };
  }

  const newIssue = () => ++issue;
  const successes = () => stack.github.deployments(O, R).filter((d) => d.statuses.some((s) => s.state === 'success'));

  async function waitForFinal(id: number) {
    return stack.github.waitFor(
      () => {
        const d = stack.github.deployments(O, R).find((x) => x.id === id);
        return d && ['success', 'failure', 'error'].includes(d.statuses.at(-1)?.state ?? '') ? d : undefined;
      },
      { what: `deployment ${id} to finish`, timeoutMs: 30_000 },
    );
  }

  it('/deploy on a pull request deploys its head, reacts 👀 then 🚀, and edits one reply as it moves', async () => {
    const { github } = stack;
    const head = github.commit(O, R, { branch: 'feature', files: { VERSION: 'v2' } });
    const pr = github.openPullRequest(O, R, { head: 'feature', user: 'dev' });
    const before = github.deployments(O, R).length;
    const { command, reply } = await ask(pr, 'writer', '/deploy');
    const created = await github.waitFor(() => github.deployments(O, R)[before], { what: 'a deployment' });
    expect(created).toMatchObject({ sha: head, environment: 'production', task: 'deploy' });
    expect(created.payload).toMatchObject({
      runway: { trigger: 'comment', comment_id: command.id, issue: pr, actor: 'writer', reply_comment_id: reply.id },
    });
    const done = await waitForFinal(created.id);
    expect(done.statuses.at(-1)?.state).toBe('success');
    await github.waitFor(() => github.reactions(command.id).includes('rocket'), { what: 'the 🚀 reaction' });
    expect(github.reactions(command.id)).toEqual(['eyes', 'rocket']);
    const final = await github.waitFor(() => github.comments(O, R, pr).find((c) => c.id === reply.id && c.body.includes('Deployed')), {
      what: 'the reply edited to the final state',
    });
    expect(github.comments(O, R, pr).filter(bot)).toHaveLength(1);
    expect(final.edits).toBeGreaterThanOrEqual(2);
    expect(final.body).toContain('`backend.command` | ✅ succeeded');
    expect(final.body).toContain('[Site](https://shop.example.test)');
    expect(final.body).toMatch(/\[Log\]\(http:\/\/localhost:\d+\/deployments\/\d+\)/);
  });

  it('/deploy <ref> to <env> on an issue, /redeploy and /rollback put the right shas live', async () => {
    const { github } = stack;
    const n = newIssue();
    github.commit(O, R, { branch: 'main', files: { VERSION: 'v3' } });
    const v3 = github.branchSha(O, R, 'main');
    await ask(n, 'writer', '/deploy main to production');
    const first = await github.waitFor(() => github.deployments(O, R).find((d) => d.sha === v3), { what: 'deployment of main' });
    expect((await waitForFinal(first.id)).statuses.at(-1)?.state).toBe('success');

    const count = github.deployments(O, R).length;
    await ask(n, 'writer', '/redeploy production');
    const again = await github.waitFor(() => github.deployments(O, R)[count], { what: 'the redeployment' });
    expect(again).toMatchObject({ sha: v3, environment: 'production', task: 'deploy' });
    expect((await waitForFinal(again.id)).statuses.at(-1)?.state).toBe('success');

    // The live sha is v3; the success before it with another sha is the PR head from the first test.
    const previous = successes()
      .filter((d) => d.sha !== v3)
      .at(-1)!;
    expect(previous).toBeDefined();
    await ask(n, 'writer', '/rollback production');
    const rollback = await github.waitFor(() => github.deployments(O, R).find((d) => d.task === 'deploy:rollback'), {
      what: 'the rollback',
    });
    expect(rollback).toMatchObject({ sha: previous.sha, environment: 'production' });
    const rolledBack = await waitForFinal(rollback.id);
    expect(rolledBack.statuses.at(-1)?.state).toBe('success');
    const logUrl = rolledBack.statuses.at(-1)!.logUrl;
    const text = await (await fetchRunwayPage(stack.runway.url, logUrl, { headers: { accept: 'text/plain' } })).text();
    expect(text).toContain('production at v2');

    const { reply } = await ask(n, 'writer', '/status production', /Runway status/);
    expect(reply.body).toContain(`live: \`${previous.sha.slice(0, 7)}\``);
    expect(reply.body).toContain('by @writer');
    expect(reply.body).toContain('queue: empty');
    // The rollback held the environment for merges (issue 14 §3); the next test merges into it.
    expect(reply.body).toContain('held after rollback of');
    const resumed = await ask(n, 'writer', '/resume production', /resumed/);
    expect(resumed.reply.body).toContain('**production** resumed');
  });

  it('/lock queues a merge with "waiting for lock", /status shows it, and /unlock runs it', async () => {
    const { github } = stack;
    const n = newIssue();
    const { command, reply } = await ask(n, 'writer', '/lock production release freeze');
    expect(reply.body).toContain('locked by @writer: release freeze');
    expect(github.reactions(command.id)).toEqual(['eyes']);

    github.commit(O, R, { branch: 'locked-change', files: { VERSION: 'v4' } });
    const pr = github.openPullRequest(O, R, { head: 'locked-change', user: 'dev' });
    const { mergeSha } = await github.mergePullRequest(O, R, pr, { mergedBy: 'lead' });
    const queued = await github.waitFor(() => github.deployments(O, R).find((d) => d.sha === mergeSha && d.statuses.length > 0), {
      what: 'the merge deployment, queued',
    });
    expect(queued.statuses.map((s) => s.state)).toEqual(['queued']);
    expect(queued.statuses[0]!.description).toBe('waiting for lock by @writer: release freeze');

    const status = await ask(n, 'reader', '/status', /Runway status/);
    expect(status.reply.body).toContain('🔒 locked by @writer');
    expect(status.reply.body).toContain(`queue: \`${mergeSha.slice(0, 7)}\``);
    // Still waiting: nothing ran while the environment was locked.
    expect(
      github
        .deployments(O, R)
        .find((d) => d.id === queued.id)!
        .statuses.map((s) => s.state),
    ).toEqual(['queued']);

    const unlocked = await ask(n, 'writer', '/unlock production');
    expect(unlocked.reply.body).toContain('1 queued deployment will now run');
    expect((await waitForFinal(queued.id)).statuses.map((s) => s.state)).toEqual(['queued', 'in_progress', 'success']);
  });

  it('refuses every deploying command from a read-only user with a reply, and creates nothing', async () => {
    const { github } = stack;
    const n = newIssue();
    const before = github.deployments(O, R).length;
    for (const body of [
      '/deploy main to production',
      '/redeploy production',
      '/rollback production',
      '/lock production',
      '/unlock production',
    ]) {
      const { command, reply } = await ask(n, 'reader', body);
      expect(reply.body, body).toContain('Refused: @reader has read access to this repository; this needs write or more');
      expect(github.reactions(command.id), body).toEqual(['confused']);
    }
    const stranger = await ask(n, 'stranger', '/status');
    expect(stranger.reply.body).toContain('Refused: @stranger has none access');
    const help = await ask(n, 'reader', '/help');
    expect(help.reply.body).toContain('**Runway commands**');
    expect(help.reply.body).toContain('Environments: `production`, `staging`.');
    expect(github.reactions(help.command.id)).toEqual(['eyes']);
    expect(github.deployments(O, R)).toHaveLength(before);
  });

  it('answers --dry-run with the plan and creates no deployment; typos and unknown environments get help', async () => {
    const { github } = stack;
    const n = newIssue();
    const before = github.deployments(O, R).length;
    const dry = await ask(n, 'writer', '/deploy main to staging --dry-run');
    expect(dry.reply.body).toContain('**Dry run:**');
    expect(dry.reply.body).toContain('1. `backend.command`: run `echo "staging at $(cat VERSION)"`');
    expect(dry.reply.body).toContain('no deployment was created');
    const typo = await ask(n, 'writer', '/deplyo main');
    expect(typo.reply.body).toBe(
      'Unknown command `/deplyo`. Did you mean `/deploy [<ref>] [to <environment>] [--dry-run] [--skip-checks] [--force]`? Comment `/help` to see the commands.',
    );
    expect(github.reactions(typo.command.id)).toEqual(['confused']);
    const unknown = await ask(n, 'writer', '/deploy main to moon');
    expect(unknown.reply.body).toBe('There is no environment `moon` in `.github/deploy.yml`. Environments: `production`, `staging`.');
    const ambiguous = await ask(n, 'writer', '/deploy feature');
    expect(ambiguous.reply.body).toContain('Which environment?');
    // Ordinary comments and bots get nothing.
    await github.comment(O, R, n, { user: 'writer', body: 'looks good, /deploy later' });
    await github.comment(O, R, n, { user: 'ci[bot]', body: '/deploy main to production', userType: 'Bot' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(github.comments(O, R, n).filter(bot)).toHaveLength(4);
    expect(github.deployments(O, R)).toHaveLength(before);
    expect(github.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/deployments'))).toHaveLength(before);
  });

  it('does not deploy a fork pull request unless the ref is named', async () => {
    const { github } = stack;
    const head = github.commit(O, R, { branch: 'fork-change', files: { VERSION: 'fork' } });
    const pr = github.openPullRequest(O, R, { head: 'fork-change', user: 'outsider', fromFork: true });
    const before = github.deployments(O, R).length;
    const refused = await ask(pr, 'writer', '/deploy');
    expect(refused.reply.body).toContain('this pull request comes from a fork');
    expect(github.deployments(O, R)).toHaveLength(before);
    await ask(pr, 'writer', `/deploy ${head} to staging`);
    const d = await github.waitFor(() => github.deployments(O, R)[before], { what: 'the explicit fork deployment' });
    expect(d).toMatchObject({ sha: head, environment: 'staging' });
    await waitForFinal(d.id);
  });
});
