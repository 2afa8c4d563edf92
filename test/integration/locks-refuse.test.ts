import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

const config = `environments:
  production:
    branch: main
    when_locked: refuse
    backend: { provider: command, run: echo ok }
`;

describe('when_locked: refuse', () => {
  let stack: RunwayStack;
  beforeAll(async () => {
    stack = await startRunwayStack('postgres');
    stack.github.createRepo({ owner: 'acme', name: 'strict', files: { '.github/deploy.yml': config, VERSION: 'v1' } });
    stack.github.setPermission('acme', 'strict', 'ops', 'maintain');
  });
  afterAll(() => stack?.close());

  it('refuses merges and commands for a locked environment with a reply, and deploys again after /unlock', async () => {
    const { github } = stack;
    const bot = (n: number) => github.comments('acme', 'strict', n).filter((c) => c.user === 'runway[bot]');
    await github.comment('acme', 'strict', 50, { user: 'ops', body: '/lock production incident 42' });
    await github.waitFor(() => bot(50)[0], { what: 'the lock reply' });
    expect(bot(50)[0]!.body).toContain('Deployments to it are refused');

    github.commit('acme', 'strict', { branch: 'fix', files: { VERSION: 'v2' } });
    const pr = github.openPullRequest('acme', 'strict', { head: 'fix', user: 'dev' });
    const { mergeSha } = await github.mergePullRequest('acme', 'strict', pr, { mergedBy: 'lead' });
    const refusal = await github.waitFor(() => bot(pr)[0], { what: 'the refusal on the PR' });
    expect(refusal.body).toContain('Runway did not deploy **production**: it is locked by @ops: incident 42');

    await github.comment('acme', 'strict', 50, { user: 'ops', body: `/deploy ${mergeSha} to production` });
    await github.waitFor(() => bot(50)[1], { what: 'the refused /deploy' });
    expect(bot(50)[1]!.body).toBe('Refused: **production** is locked by @ops: incident 42. Comment `/unlock production` first.');
    expect(github.deployments('acme', 'strict')).toEqual([]);

    await github.comment('acme', 'strict', 50, { user: 'ops', body: '/unlock production' });
    await github.waitFor(() => bot(50)[2], { what: 'the unlock reply' });
    await github.comment('acme', 'strict', 50, { user: 'ops', body: `/deploy ${mergeSha} to production` });
    const d = await github.waitFor(() => github.deployments('acme', 'strict').find((x) => x.statuses.at(-1)?.state === 'success'), {
      what: 'the deployment after unlocking',
      timeoutMs: 30_000,
    });
    expect(d.sha).toBe(mergeSha);
  });
});
