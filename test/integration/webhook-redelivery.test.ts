import { ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../sandbox/free-port.ts';
import { signBody, startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { spawnRunway, type RunwayProcess } from '../../sandbox/runway-process.ts';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';
import { loadSettings } from '../../src/config/settings.ts';
import { startRunway, type RunningRunway } from '../../src/runway.ts';
import { engines, storeFor, type EngineStore } from '../support/engines.ts';

const config = `environments:
  production:
    branch: main
    backend: { provider: command, run: echo deployed }
`;

/** Attempts Runway asked the fake to repeat, by the guid of the delivery. */
function askedFor(github: FakeGitHub): string[] {
  return github.calls
    .filter((c) => c.method === 'POST' && /^\/app\/hook\/deliveries\/\d+\/attempts$/.test(c.path))
    .map((c) => github.deliveries.find((d) => d.attemptId === Number(c.path.split('/')[4]))!.id);
}

describe.each(engines)('missed webhooks on the %s store', (engine) => {
  let github: FakeGitHub;
  let store: EngineStore;
  let runway: RunningRunway | undefined;
  afterEach(async () => {
    await runway?.close();
    await github?.close();
    await store?.cleanup();
  });

  it('redelivers what GitHub could not hand over while Runway was down, once, and deploys it once', { timeout: 120_000 }, async () => {
    github = await startFakeGitHub({ webhookSecret: 'redelivery-secret', strictTokens: true });
    store = await storeFor(engine);
    const port = await freePort();
    const webhookUrl = `http://127.0.0.1:${port}/api/github/webhooks`;
    github.createRepo({ owner: 'acme', name: 'shop', files: { '.github/deploy.yml': config } });
    github.setPermission('acme', 'shop', 'deploy-tool', 'write');
    const octokit = new ProbotOctokit({
      // A deployment tool with a token of its own: its user, the deployments' creator, may deploy.
      auth: { token: github.userToken('deploy-tool') },
      baseUrl: `${github.url}/api/v3`,
      throttle: { enabled: false },
    });
    const deploy = async () => {
      const sent = github.deliveries.length;
      const created = await octokit.rest.repos.createDeployment({
        owner: 'acme',
        repo: 'shop',
        ref: 'main',
        environment: 'production',
        auto_merge: false,
        required_contexts: [],
      });
      const delivery = await github.waitFor(() => github.deliveries.length > sent && github.deliveries.at(-1), { what: 'the delivery' });
      return { id: (created.data as { id: number }).id, guid: delivery.id, status: delivery.status };
    };

    // Runway is down: nothing listens on its port yet.
    github.setWebhookTarget(webhookUrl);
    const missed = [await deploy(), await deploy()];
    expect(missed.map((m) => m.status)).toEqual([0, 0]);

    const env = sandboxRunwayEnv({ github, dataDir: store.dataDir, databaseUrl: store.databaseUrl, port });
    const loaded = loadSettings(env);
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    runway = await startRunway(loaded.settings);
    const first = await runway.redelivery!.scan();
    expect(first).toMatchObject({ ok: true });
    for (const { id } of missed) {
      await github.waitFor(
        () => github.deployments('acme', 'shop').find((d) => d.id === id && d.statuses.some((s) => s.state === 'success')),
        {
          what: `deployment ${id} to succeed`,
          timeoutMs: 60_000,
        },
      );
    }

    // GitHub saw this one fail, but Runway stored it (answered after GitHub gave up).
    github.setWebhookTarget('http://127.0.0.1:9/api/github/webhooks');
    const stored = await deploy();
    const body = JSON.stringify(github.buildPayload.deploymentCreated('acme', 'shop', stored.id));
    const direct = await fetch(`${runway.url}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'deployment',
        'x-github-delivery': stored.guid,
        'x-hub-signature-256': signBody(github.webhookSecret, body),
      },
      body,
    });
    expect(direct.status).toBeLessThan(300);
    // This one fails again when redelivered (the target is still unreachable): asked for once all the same.
    const unreachable = await deploy();
    const second = await runway.redelivery!.scan();
    expect(second).toMatchObject({ ok: true, requested: 1 });
    await github.waitFor(() => github.deliveries.filter((d) => d.id === unreachable.guid).length === 2, { what: 'the redelivery' });
    expect(await runway.redelivery!.scan()).toMatchObject({ ok: true, requested: 0 });

    expect(askedFor(github).sort()).toEqual([missed[0]!.guid, missed[1]!.guid, unreachable.guid].sort());
    for (const { id } of [...missed, stored]) {
      await github.waitFor(
        () => github.deployments('acme', 'shop').find((d) => d.id === id && d.statuses.some((s) => s.state === 'success')),
        {
          what: `deployment ${id} to succeed`,
          timeoutMs: 60_000,
        },
      );
      const states = github
        .deployments('acme', 'shop')
        .find((d) => d.id === id)!
        .statuses.map((s) => s.state);
      expect(states.filter((s) => s === 'in_progress')).toHaveLength(1);
      expect(states.filter((s) => s === 'success')).toHaveLength(1);
    }
  });
});

describe('a GitHub without the deliveries API', () => {
  let github: FakeGitHub;
  let store: EngineStore;
  let runway: RunwayProcess | undefined;
  afterEach(async () => {
    await runway?.stop();
    await github?.close();
    await store?.cleanup();
  });

  it('gets one clear log line, and Runway keeps serving', { timeout: 60_000 }, async () => {
    github = await startFakeGitHub({ webhookSecret: 'old-ghes-secret', hookDeliveriesApi: false });
    store = await storeFor('embedded');
    runway = await spawnRunway(sandboxRunwayEnv({ github, dataDir: store.dataDir, extra: { RUNWAY_REDELIVERY_INTERVAL_SECONDS: '1' } }));
    const line = await github.waitFor(() => runway!.output.find((l) => l.includes('no webhook deliveries API')), { what: 'the log line' });
    expect(JSON.parse(line)).toMatchObject({ level: 40, reason: 'GET /app/hook/deliveries answered 404 Not Found' });
    // Past a few intervals: no second try, no second line, still up.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(github.calls.filter((c) => c.path === '/app/hook/deliveries')).toHaveLength(1);
    expect(runway.output.filter((l) => l.includes('no webhook deliveries API'))).toHaveLength(1);
    expect(runway.state()).toBe('running');
    expect((await fetch(`${runway.url}/healthz`)).status).toBe(200);
  });
});
