import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { spawnRunway, type RunwayProcess } from '../../sandbox/runway-process.ts';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../sandbox/throwaway-postgres.ts';
import { startApiDeployment } from '../support/api-deployment.ts';

// `during` is printed while PostgreSQL is down; the command ends after it is back.
const config = `environments:
  production:
    backend: { provider: command, run: "echo before the outage; sleep 6; echo during the outage; sleep 6; echo after the outage" }
`;

describe('PostgreSQL gone in the middle of a deployment', () => {
  let postgres: ThrowawayPostgres;
  let github: FakeGitHub;
  let dataDir: string;
  let runway: RunwayProcess | undefined;
  beforeAll(async () => {
    [postgres, github, dataDir] = await Promise.all([
      startThrowawayPostgres(),
      startFakeGitHub({ webhookSecret: `outage-${randomUUID()}` }),
      mkdtemp(path.join(tmpdir(), 'runway-outage-')),
    ]);
    await chmod(dataDir, 0o711);
  });
  afterAll(async () => {
    await runway?.kill('SIGKILL');
    await github?.close();
    await postgres?.destroy();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('logs it clearly, keeps running, and the deployment ends with every line of its log', { timeout: 120_000 }, async () => {
    runway = await spawnRunway(sandboxRunwayEnv({ github, dataDir, databaseUrl: postgres.url }));
    github.setWebhookTarget(`${runway.url}/api/github/webhooks`);
    const repo = github.createRepo({ owner: 'acme', name: 'svc', files: { '.github/deploy.yml': config } });
    const { githubId, runwayId } = await startApiDeployment(github, repo, { environment: 'production' });
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    const lines = async () =>
      (await db.query<{ line: string }>('SELECT line FROM log_lines WHERE deployment_id = $1 ORDER BY seq', [runwayId])).rows.map(
        (r) => r.line,
      );
    for (let tries = 0; !(await lines()).includes('before the outage'); tries++) {
      if (tries > 300) throw new Error('the command did not start within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    await db.end();

    await postgres.stop();
    await new Promise((r) => setTimeout(r, 7000));
    expect(runway.state(), runway.output.slice(-5).join('\n')).toBe('running');
    await postgres.start();

    const last = () =>
      github
        .deployments('acme', 'svc')
        .find((d) => d.id === githubId)
        ?.statuses.at(-1);
    const ended = await github.waitFor(() => (['success', 'failure', 'error'].includes(last()?.state ?? '') ? last() : undefined), {
      what: 'the deployment to end',
      timeoutMs: 60_000,
    });
    expect(ended.state).toBe('success');
    const after = new pg.Client({ connectionString: postgres.url });
    await after.connect();
    const stored = (await after.query<{ line: string }>('SELECT line FROM log_lines WHERE deployment_id = $1 ORDER BY seq', [runwayId]))
      .rows;
    await after.end();
    expect(stored.map((r) => r.line).filter((l) => /^\w+ the outage$/.test(l))).toEqual([
      'before the outage',
      'during the outage',
      'after the outage',
    ]);
    // One clear line for the outage and one when the kept lines were stored; the process never stopped.
    const logged = runway.output.map((l) => JSON.parse(l) as { msg: string });
    expect(logged.filter((l) => l.msg === 'could not store log lines; keeping them and trying again')).toHaveLength(1);
    expect(logged.some((l) => l.msg === 'stored the log lines kept while the store was unreachable')).toBe(true);
    expect(runway.state()).toBe('running');
    expect((await fetch(`${runway.url}/healthz`)).status).toBe(200);
  });
});
