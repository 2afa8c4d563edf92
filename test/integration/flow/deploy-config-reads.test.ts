import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../../../sandbox/github/index.ts';
import { mergeAndAwaitDeployment } from '../../support/merge-and-deploy.ts';
import { startRunwayStack, type RunwayStack } from '../../support/runway-stack.ts';

const O = 'acme';
const config = (site: string) => `environments:
  production:
    branch: main
    backend:
      provider: command
      run: "true"
      url: ${site}
`;

/**
 * What one merged deployment asks GitHub for (issue 18 §4): `.github/deploy.yml` once, at the
 * commit (merge job, announcement, run and notifications share it), no check listings when the
 * branch requires no checks, and statuses still in order.
 */
describe('GitHub reads of a deployment', () => {
  let stack: RunwayStack;
  let github: FakeGitHub;
  beforeAll(async () => {
    stack = await startRunwayStack('postgres');
    github = stack.github;
  });
  afterAll(() => stack?.close());

  const callsOf = (repo: string, from: number) => github.calls.slice(from).filter((c) => c.path.startsWith(`/repos/${O}/${repo}/`));
  const shipMerge = (repo: string, branch: string, files: Record<string, string>) =>
    mergeAndAwaitDeployment(github, { owner: O, repo, branch, files, environment: 'production' });
  const configReads = (repo: string, from: number) =>
    callsOf(repo, from).filter((c) => c.method === 'GET' && c.path === `/repos/${O}/${repo}/contents/.github/deploy.yml`);

  it('reads deploy.yml once per merged commit, never by branch name, and a new commit’s config is read again and used', async () => {
    const repo = 'reads';
    github.createRepo({ owner: O, name: repo, files: { '.github/deploy.yml': config('https://one.example'), 'README.md': 'v0' } });

    const from = github.calls.length;
    const first = await shipMerge(repo, 'change-1', { 'README.md': 'v1' });
    expect(first.deployment.statuses.map((s) => s.state)).toEqual(['queued', 'in_progress', 'success']);
    expect(first.final.environmentUrl).toBe('https://one.example');
    expect(configReads(repo, from).map((c) => c.query.ref)).toEqual([first.mergeSha]);

    const next = github.calls.length;
    const second = await shipMerge(repo, 'change-2', { '.github/deploy.yml': config('https://two.example') });
    expect(second.deployment.statuses.map((s) => s.state)).toEqual(['queued', 'in_progress', 'success']);
    // The cached config of the first commit is not the second's.
    expect(second.final.environmentUrl).toBe('https://two.example');
    expect(configReads(repo, next).map((c) => c.query.ref)).toEqual([second.mergeSha]);
  });

  it('asks for no check runs or statuses when the branch requires no checks, and for them when it does', async () => {
    const repo = 'checks';
    github.createRepo({ owner: O, name: repo, files: { '.github/deploy.yml': config('https://checks.example'), 'README.md': 'v0' } });
    const listings = (from: number) =>
      callsOf(repo, from).filter((c) => c.method === 'GET' && /\/commits\/[0-9a-f]{40}\/(check-runs|statuses)$/.test(c.path));

    const from = github.calls.length;
    const plain = await shipMerge(repo, 'plain', { 'README.md': 'v1' });
    expect(plain.final.state).toBe('success');
    expect(listings(from)).toEqual([]);

    github.protectBranch(O, repo, 'main', [{ context: 'ci' }]);
    const protectedFrom = github.calls.length;
    github.commit(O, repo, { branch: 'guarded', files: { 'README.md': 'v2' } });
    const pr = github.openPullRequest(O, repo, { head: 'guarded', user: 'dev' });
    const { mergeSha } = await github.mergePullRequest(O, repo, pr, { mergedBy: 'lead' });
    const waiting = await github.waitFor(
      () =>
        github.deployments(O, repo).find((d) => d.sha === mergeSha && d.statuses.some((s) => s.description?.startsWith('waiting for CI'))),
      { what: 'the deployment to wait for ci' },
    );
    expect(waiting.statuses.map((s) => s.state)).toEqual(['queued']);
    expect(listings(protectedFrom).map((c) => c.path.split('/').at(-1))).toEqual(expect.arrayContaining(['check-runs', 'statuses']));

    await github.postCommitStatus(O, repo, mergeSha, { context: 'ci', state: 'success', creator: 'dev' });
    const shipped = await github.waitFor(
      () => github.deployments(O, repo).find((d) => d.sha === mergeSha && d.statuses.some((s) => s.state === 'success')),
      { what: 'the deployment to end once ci is green', timeoutMs: 60_000 },
    );
    expect(shipped.statuses.map((s) => s.state)).toEqual(['queued', 'queued', 'in_progress', 'success']);
  });
});
