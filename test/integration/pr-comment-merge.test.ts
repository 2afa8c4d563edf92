import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

const config = `environments:
  production:
    branch: main
    backend: { provider: command, run: 'echo backend $(cat VERSION)', url: https://api.example.test }
    frontend: { provider: command, run: 'test "$(cat VERSION)" != broken', url: https://www.example.test }
`;

describe('the PR comment of a merge deployment', () => {
  let stack: RunwayStack;
  beforeAll(async () => {
    stack = await startRunwayStack('postgres');
    stack.github.createRepo({ owner: 'acme', name: 'web', files: { '.github/deploy.yml': config, VERSION: 'v1' } });
  });
  afterAll(() => stack?.close());

  async function mergeAndFinish(version: string) {
    const { github } = stack;
    github.commit('acme', 'web', { branch: `b-${version}`, files: { VERSION: version } });
    const pr = github.openPullRequest('acme', 'web', { head: `b-${version}`, user: 'dev' });
    const { mergeSha } = await github.mergePullRequest('acme', 'web', pr, { mergedBy: 'lead' });
    const d = await github.waitFor(
      () =>
        github
          .deployments('acme', 'web')
          .find((x) => x.sha === mergeSha && ['success', 'failure', 'error'].includes(x.statuses.at(-1)?.state ?? '')),
      { what: 'the deployment to end', timeoutMs: 30_000 },
    );
    return { pr, d };
  }

  it('is one comment, edited in place from the first step to success', async () => {
    const { github } = stack;
    const { pr, d } = await mergeAndFinish('v2');
    const comment = await github.waitFor(
      () => github.comments('acme', 'web', pr).find((c) => c.user === 'runway[bot]' && c.body.includes('✅ Deployed')),
      { what: 'the final PR comment' },
    );
    expect(github.comments('acme', 'web', pr).filter((c) => c.user === 'runway[bot]')).toHaveLength(1);
    expect(comment.edits).toBeGreaterThanOrEqual(1);
    expect(comment.body).toContain('**production**');
    expect(comment.body).toContain('| `backend.command` | ✅ succeeded |');
    expect(comment.body).toContain('| `frontend.command` | ✅ succeeded |');
    expect(comment.body).toContain(`[Log](${d.statuses.at(-1)!.logUrl})`);
    expect(comment.body).toContain('[Site](https://www.example.test)');
    expect(comment.body).toContain('merge of #');
    expect(comment.body).toContain('`/rollback production`');
  });

  it('shows the step that failed, with its reason, when a deployment fails', async () => {
    const { github } = stack;
    const { pr, d } = await mergeAndFinish('broken');
    expect(d.statuses.at(-1)?.state).toBe('failure');
    const comment = await github.waitFor(
      // The comment is edited at each step; wait for the edit that reports the end, not the failed step before it.
      () => github.comments('acme', 'web', pr).find((c) => c.user === 'runway[bot]' && c.body.includes('❌ Deployment of')),
      { what: 'the failed PR comment' },
    );
    expect(github.comments('acme', 'web', pr).filter((c) => c.user === 'runway[bot]')).toHaveLength(1);
    expect(comment.body).toContain('❌ Deployment of');
    expect(comment.body).toContain('| `backend.command` | ✅ succeeded |');
    expect(comment.body).toMatch(/\| `frontend.command` \| ❌ failed — `test .*` exited with code 1 \|/);
  });
});
