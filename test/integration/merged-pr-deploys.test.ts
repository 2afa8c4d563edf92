import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';
import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';

const config = `environments:
  production:
    branch: main
    backend:
      provider: command
      run: echo "hello from $RUNWAY_ENVIRONMENT at $(cat VERSION)"
      url: https://shop.example.test
  docs:
    branch: main
    paths: [docs/**]
    backend: { provider: command, run: echo docs }
`;

describe.each(engines)('a merged pull request, on the %s store', (engine) => {
  let stack: RunwayStack;
  beforeAll(async () => {
    stack = await startRunwayStack(engine);
    stack.github.createRepo({ owner: 'acme', name: 'shop', files: { '.github/deploy.yml': config, VERSION: 'v1' } });
  });
  afterAll(() => stack?.close());

  it('becomes a GitHub deployment of the merge commit that runs to success, with its log served', async () => {
    const { github } = stack;
    github.commit('acme', 'shop', { branch: 'feature', files: { VERSION: 'v2' } });
    const pr = github.openPullRequest('acme', 'shop', { head: 'feature', user: 'dev' });
    const { mergeSha, delivery } = await github.mergePullRequest('acme', 'shop', pr, { mergedBy: 'lead' });
    expect(delivery.status).toBe(200);

    const deployment = await github.waitFor(() => github.deployments('acme', 'shop').find((d) => d.statuses.at(-1)?.state === 'success'), {
      what: 'a successful deployment',
      timeoutMs: 30_000,
    });
    // Only the environment whose paths the merge touched (production has no paths filter).
    expect(github.deployments('acme', 'shop').map((d) => d.environment)).toEqual(['production']);
    expect(deployment).toMatchObject({
      sha: mergeSha,
      ref: mergeSha,
      task: 'deploy',
      environment: 'production',
      autoMerge: false,
      requiredContexts: [],
    });
    expect(deployment.payload).toMatchObject({ runway: { trigger: 'merge', pull_request: pr, merged_by: 'lead' } });
    expect(deployment.statuses.map((s) => s.state)).toEqual(['queued', 'in_progress', 'success']);
    const success = deployment.statuses.at(-1)!;
    expect(success.environmentUrl).toBe('https://shop.example.test');
    expect(success.logUrl).toMatch(/\/deployments\/\d+$/);
    expect(deployment.statuses.every((s) => s.logUrl === success.logUrl)).toBe(true);

    const logPath = new URL(success.logUrl).pathname;
    const text = await (await fetchRunwayPage(stack.runway.url, logPath, { headers: { accept: 'text/plain' } })).text();
    expect(text).toContain('hello from production at v2');
    expect(text).toMatch(/succeeded\s+backend\.command/);
    const page = await fetchRunwayPage(stack.runway.url, logPath, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('hello from production at v2');
  });

  it('ignores a pull request closed without merging', async () => {
    const { github } = stack;
    const before = github.deployments('acme', 'shop').length;
    github.commit('acme', 'shop', { branch: 'abandoned', files: { VERSION: 'v3' } });
    const pr = github.openPullRequest('acme', 'shop', { head: 'abandoned', user: 'dev' });
    const delivery = await github.closePullRequest('acme', 'shop', pr);
    expect(delivery.status).toBe(200);
    // Let the worker run anything it might have queued, then check nothing was created.
    await new Promise((r) => setTimeout(r, 1500));
    expect(github.deployments('acme', 'shop')).toHaveLength(before);
    expect(github.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/deployments') && c.at > Date.now() - 1500)).toEqual([]);
  });
});
