import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTree } from '../../sandbox/read-tree.ts';
import { spawnRunway, type RunwayProcess } from '../../sandbox/runway-process.ts';
import { PREVIEW_COMMENT_TITLE } from '../../src/previews/preview-comment.ts';
import { adminQuery } from '../support/admin-query.ts';
import { startHerokuProcessStack, type HerokuProcessStack } from '../support/heroku-process-stack.ts';

// Issue 16 §3: a preview's teardown is a durable job. Runway is SIGKILLed while the teardown waits
// on Heroku (a 503 with Retry-After on DELETE /apps), and the restarted process finishes it.

const owner = 'acme';
const repo = 'svc';

describe('a preview teardown interrupted by SIGKILL', () => {
  let stack: HerokuProcessStack;
  let restarted: RunwayProcess | undefined;

  beforeAll(async () => {
    stack = await startHerokuProcessStack({ apps: ['svc-api'], runwayEnv: { RUNWAY_JOB_LEASE_SECONDS: '3' } });
    stack.github.createRepo({
      owner,
      name: repo,
      files: {
        '.github/deploy.yml': `environments:
  production:
    backend: { provider: heroku, app: svc-api, path: api, healthcheck: /healthz }
previews:
  from: production
  backend:
    app: '{app}-pr-{number}'
    addons: [heroku-postgresql:essential-0]
`,
        ...(await readTree('fixtures/heroku-apps/good-v1', 'api')),
      },
    });
    stack.github.setPermission(owner, repo, 'writer', 'write');
  }, 120_000);

  afterAll(async () => {
    await restarted?.kill('SIGKILL');
    await stack?.close();
  });

  it('finishes after a restart: the app, its database and role are gone, the deployment inactive', async () => {
    const sha = stack.github.commit(owner, repo, { branch: 'change', files: { 'notes.md': 'x\n' }, author: 'writer' });
    const number = stack.github.openPullRequest(owner, repo, { head: 'change', user: 'writer' });
    await stack.github.pullRequestEvent(owner, repo, number, 'opened');
    const deployment = await stack.github.waitFor(
      () =>
        stack.github
          .deployments(owner, repo)
          .find((d) => d.sha === sha && d.statuses.some((s) => ['success', 'failure', 'error'].includes(s.state))),
      { what: 'the preview deployment', timeoutMs: 180_000 },
    );
    expect(deployment.statuses.at(-1)?.state, deployment.statuses.at(-1)?.description).toBe('success');
    const app = `svc-api-pr-${number}`;
    const database = stack.heroku.app(app).database!;

    // Heroku answers the teardown's DELETE with 503 and "come back in a minute": Runway waits, mid-teardown.
    stack.heroku.failNext('DELETE', /^\/apps\/[^/]+$/, [{ status: 503, headers: { 'Retry-After': '60' } }]);
    await stack.github.closePullRequest(owner, repo, number);
    await stack.github.waitFor(() => stack.heroku.requestLog.find((r) => r.method === 'DELETE' && r.status === 503), {
      what: 'the teardown to reach Heroku',
      timeoutMs: 60_000,
    });
    expect(await stack.runway.kill('SIGKILL')).toBeNull();
    expect(stack.heroku.hasApp(app)).toBe(true);

    restarted = await spawnRunway(stack.env);
    stack.github.setWebhookTarget(`${restarted.url}/api/github/webhooks`);
    await stack.github.waitFor(
      () =>
        stack.github.comments(owner, repo, number).find((c) => c.body.startsWith(PREVIEW_COMMENT_TITLE) && c.body.includes('torn down')),
      { what: 'the teardown to finish after the restart', timeoutMs: 90_000 },
    );
    expect(stack.heroku.hasApp(app)).toBe(false);
    expect((await adminQuery('SELECT 1 FROM pg_database WHERE datname = $1', [database.name])).rows).toEqual([]);
    expect((await adminQuery('SELECT 1 FROM pg_roles WHERE rolname = $1', [database.role])).rows).toEqual([]);
    const statuses = stack.github.deployments(owner, repo).find((d) => d.id === deployment.id)!.statuses;
    expect(statuses.at(-1)?.state).toBe('inactive');
    expect(stack.heroku.requestLog.filter((r) => r.method === 'DELETE' && r.status === 200)).toHaveLength(1);
  }, 300_000);
});
