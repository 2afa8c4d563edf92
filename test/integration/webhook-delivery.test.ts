import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

const config = `environments:
  production:
    branch: main
    backend: { provider: command, run: "echo deployed $RUNWAY_SHA" }
`;

async function count(stack: RunwayStack, sql: string): Promise<number> {
  const rows = await stack.runway.db.query<{ n: number }>(sql);
  return Number(rows[0]!.n);
}

describe.each(engines)('webhook deliveries, on the %s store', (engine) => {
  let stack: RunwayStack;
  let octokit: InstanceType<typeof ProbotOctokit>;
  beforeAll(async () => {
    stack = await startRunwayStack(engine);
    stack.github.createRepo({ owner: 'acme', name: 'api', files: { '.github/deploy.yml': config } });
    stack.github.setPermission('acme', 'api', 'deploy-tool', 'write');
    octokit = new ProbotOctokit({
      // Another tool, with a token of its own: its deployments carry its user as `creator`, who may deploy.
      auth: { token: stack.github.userToken('deploy-tool') },
      baseUrl: `${stack.github.url}/api/v3`,
      throttle: { enabled: false },
    });
  });
  afterAll(() => stack?.close());

  /** A production deployment of `ref`, created through the REST API by the deployment tool; GitHub's id. */
  const createDeployment = async (ref: string): Promise<number> => {
    const created = await octokit.rest.repos.createDeployment({
      owner: 'acme',
      repo: 'api',
      ref,
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
    });
    return (created.data as { id: number }).id;
  };

  it('runs a deployment created through the REST API by another tool', async () => {
    const id = await createDeployment('main');
    const done = await stack.github.waitFor(
      () => {
        const d = stack.github.deployments('acme', 'api').find((x) => x.id === id);
        return d?.statuses.at(-1)?.state === 'success' && d;
      },
      { what: 'API deployment success' },
    );
    expect(done.statuses.map((s) => s.state)).toEqual(['queued', 'in_progress', 'success']);
  });

  it('deploys once when the same delivery arrives five times', async () => {
    const seen = stack.github.deliveries.length;
    const id = await createDeployment('main');
    const first = await stack.github.waitFor(() => stack.github.deliveries.slice(seen).find((d) => d.event === 'deployment'), {
      what: 'the deployment.created delivery',
    });
    for (let i = 0; i < 4; i++) expect((await stack.github.redeliver(first.id)).status).toBe(200);
    // The same payload under new delivery ids (another tool re-sending it) must not deploy twice either.
    const payload = stack.github.buildPayload.deploymentCreated('acme', 'api', id);
    expect((await stack.github.sendWebhook('deployment', payload)).status).toBe(200);
    await stack.github.waitFor(
      () =>
        stack.github
          .deployments('acme', 'api')
          .find((x) => x.id === id)
          ?.statuses.at(-1)?.state === 'success',
      { what: 'success' },
    );
    await new Promise((r) => setTimeout(r, 1000));
    const statuses = stack.github
      .deployments('acme', 'api')
      .find((x) => x.id === id)!
      .statuses.map((s) => s.state);
    expect(statuses).toEqual(['queued', 'in_progress', 'success']);
    expect(await count(stack, `SELECT count(*)::int AS n FROM deployments WHERE github_id = ${id}`)).toBe(1);
    expect(
      await count(
        stack,
        `SELECT count(*)::int AS n FROM jobs j JOIN deployments d ON d.id = j.deployment_id WHERE d.github_id = ${id} AND j.kind = 'run'`,
      ),
    ).toBe(1);
  });

  it('answers 401 to a bad or missing signature and stores nothing', async () => {
    const before = await count(stack, 'SELECT count(*)::int AS n FROM deliveries');
    const id = await createDeployment('main');
    await stack.github.waitFor(
      () =>
        stack.github
          .deployments('acme', 'api')
          .find((x) => x.id === id)
          ?.statuses.at(-1)?.state === 'success',
      { what: 'success' },
    );
    const payload = stack.github.buildPayload.deploymentCreated('acme', 'api', id);
    const bad = await stack.github.sendWebhook('deployment', payload, { signature: 'sha256=' + '0'.repeat(64) });
    const missing = await stack.github.sendWebhook('deployment', payload, { signature: null });
    expect([bad.status, missing.status]).toEqual([401, 401]);
    expect(await count(stack, 'SELECT count(*)::int AS n FROM deliveries')).toBe(before + 1);
  });

  it('answers 400 to a body that is not JSON, and 200 to events it does not handle', async () => {
    const { signBody } = await import('../../sandbox/github/index.ts');
    const body = '{"not json';
    const res = await fetch(`${stack.runway.url}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'deployment',
        'x-github-delivery': crypto.randomUUID(),
        'x-hub-signature-256': signBody(stack.github.webhookSecret, body),
      },
      body,
    });
    expect(res.status).toBe(400);
    const star = await stack.github.sendWebhook('star', {
      action: 'created',
      repository: { name: 'api', owner: { login: 'acme' } },
      installation: { id: 1 },
    });
    expect(star.status).toBe(200);
  });

  it('fails a deployment whose config is malformed, naming the field and the line', async () => {
    const sha = stack.github.commit('acme', 'api', { branch: 'broken', files: { '.github/deploy.yml': `${config}    colour: blue\n` } });
    const id = await createDeployment(sha);
    const d = await stack.github.waitFor(
      () => {
        const x = stack.github.deployments('acme', 'api').find((y) => y.id === id);
        return x?.statuses.at(-1)?.state === 'failure' && x;
      },
      { what: 'config failure' },
    );
    expect(d.statuses.at(-1)!.description).toMatch(/^\.github\/deploy\.yml:5:5 environments\.production: unknown field "colour"$/);
  });
});
