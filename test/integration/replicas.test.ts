import path from 'node:path';
import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';
import { storeFor, type EngineStore } from '../support/engines.ts';
import { spawnRunway, type RunwayProcess } from '../../sandbox/runway-process.ts';
import { fetchLogPage } from '../support/merge-and-deploy.ts';

const DEPLOYMENTS = Number(process.env.REPLICA_DEPLOYMENTS ?? 20);

describe('two Runway replicas on one PostgreSQL database', () => {
  let github: FakeGitHub;
  let store: EngineStore;
  const replicas: RunwayProcess[] = [];

  beforeAll(async () => {
    github = await startFakeGitHub({ webhookSecret: 'replica-secret' });
    store = await storeFor('postgres');
  });
  afterAll(async () => {
    if (process.env.REPLICA_DEBUG) {
      for (const r of replicas) console.log(r.output.filter((l) => !l.includes('"level":30')).join('\n'));
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: store.databaseUrl });
      await c.connect();
      console.log((await c.query('SELECT id, kind, key, state, attempts, last_error, deployment_id FROM jobs ORDER BY id')).rows);
      console.log((await c.query('SELECT * FROM running_keys')).rows);
      console.log((await c.query('SELECT id, state, description FROM deployments ORDER BY id')).rows);
      await c.end();
    }
    await Promise.all(replicas.map((r) => r.kill('SIGTERM')));
    await github?.close();
    await store?.cleanup();
  });

  it(`run ${DEPLOYMENTS} deployments to one environment one at a time, all to the end`, { timeout: 180_000 }, async () => {
    // Each run prints when it starts and ends into its log (a sandboxed command writes only its checkout).
    const config = `environments:
  production:
    branch: main
    backend:
      provider: command
      run: echo "start $RUNWAY_DEPLOYMENT_ID $(date +%s%N)"; sleep 0.2; echo "end $RUNWAY_DEPLOYMENT_ID $(date +%s%N)"
`;
    github.createRepo({ owner: 'acme', name: 'busy', files: { '.github/deploy.yml': config } });
    github.setPermission('acme', 'busy', 'deploy-tool', 'write');
    for (let i = 0; i < 2; i++) {
      const env = sandboxRunwayEnv({ github, dataDir: path.join(store.dataDir, `replica-${i}`), databaseUrl: store.databaseUrl });
      replicas.push(await spawnRunway(env));
    }
    const octokit = new ProbotOctokit({
      // Another tool, with a token of its own: its deployments carry its user as `creator`, who may deploy.
      auth: { token: github.userToken('deploy-tool') },
      baseUrl: `${github.url}/api/v3`,
      throttle: { enabled: false },
    });
    const ids: number[] = [];
    for (let i = 0; i < DEPLOYMENTS; i++) {
      // Deliveries alternate between the replicas, as a load balancer would spread them.
      github.setWebhookTarget(`${replicas[i % 2]!.url}/api/github/webhooks`);
      const seen = github.deliveries.length;
      const created = await octokit.rest.repos.createDeployment({
        owner: 'acme',
        repo: 'busy',
        ref: 'main',
        environment: 'production',
        auto_merge: false,
        required_contexts: [],
      });
      ids.push((created.data as { id: number }).id);
      await github.waitFor(() => github.deliveries.length > seen, { what: 'the delivery' });
    }
    await github.waitFor(
      () =>
        ids.every((id) =>
          ended(
            github
              .deployments('acme', 'busy')
              .find((d) => d.id === id)
              ?.statuses.map((s) => s.state) ?? [],
          ),
        ),
      { what: 'every deployment to end', timeoutMs: Number(process.env.REPLICA_WAIT_MS ?? 120_000) },
    );
    // Each went queued → in_progress → success; a later success marks the earlier ones inactive.
    for (const id of ids) {
      const states = github
        .deployments('acme', 'busy')
        .find((d) => d.id === id)!
        .statuses.map((s) => s.state);
      expect(states.slice(0, 3)).toEqual(['queued', 'in_progress', 'success']);
    }

    const logs = await Promise.all(
      ids.map((id) => {
        const status = github
          .deployments('acme', 'busy')
          .find((d) => d.id === id)!
          .statuses.find((s) => s.state === 'success')!;
        // Either replica serves any deployment's log: they share the store.
        return fetchLogPage(replicas[0]!.url, status.logUrl!);
      }),
    );
    const events = logs
      .flatMap((log) => [...log.matchAll(/^(start|end) (\d+) (\d+)$/gm)])
      .map(([, kind, deployment, ns]) => ({ kind, deployment, at: BigInt(ns!) }))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    expect(events).toHaveLength(DEPLOYMENTS * 2);
    // Never two at once: in time order, every start is followed by the end of the same deployment.
    for (let i = 0; i < events.length; i += 2) {
      expect([events[i]!.kind, events[i + 1]!.kind]).toEqual(['start', 'end']);
      expect(events[i + 1]!.deployment).toBe(events[i]!.deployment);
    }
    // Each ran once.
    expect(new Set(events.map((e) => e.deployment)).size).toBe(DEPLOYMENTS);
  });
});

function ended(states: string[]): boolean {
  return states.some((s) => s === 'success' || s === 'failure' || s === 'error');
}
