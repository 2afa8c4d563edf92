import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxClient } from '../../sandbox/s3/index.ts';
import type { FakeGitHub } from '../../sandbox/github/index.ts';
import type { PolicyFile } from '../../sandbox/sandbox-policy.ts';
import { startSandbox, type Sandbox } from '../../sandbox/stack.ts';
import { createScratchDatabase } from '../../sandbox/scratch-database.ts';
import { listSteps } from '../../src/store/steps-store.ts';
import { mergeAndAwaitDeployment } from '../support/merge-and-deploy.ts';
import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';

/**
 * Two teams share one Runway, one Heroku token and one bucket; the policy keeps each to its own.
 * Team B's entry names its repository by id only; team C's by name and an id it no longer has
 * (the name was reused after a rename).
 */
function teamsPolicy({ github, s3Endpoint }: { github: FakeGitHub; s3Endpoint: string }): PolicyFile {
  const origin = new URL(s3Endpoint).origin;
  github.createRepo({ owner: 'acme', name: 'team-a', files: { README: 'team a' } });
  const teamB = github.createRepo({ owner: 'acme', name: 'team-b', files: { README: 'team b' } });
  const teamC = github.createRepo({ owner: 'acme', name: 'team-c', files: { README: 'team c, the new one' } });
  return {
    repositories: [
      {
        name: 'acme/team-a',
        heroku_apps: ['team-a-*'],
        s3_buckets: [{ bucket: 'shared-web', prefix: 'team-a/' }],
        s3_endpoints: [origin],
        variables: ['TEAM_A_*'],
        network: ['127.0.0.0/8'],
      },
      {
        ids: [teamB.id],
        heroku_apps: ['team-b-*'],
        s3_buckets: [{ bucket: 'shared-web', prefix: 'team-b/' }],
        s3_endpoints: [origin],
        variables: ['TEAM_B_*'],
        network: ['127.0.0.0/8'],
      },
      { name: 'acme/team-c', ids: [teamC.id + 1000], heroku_apps: ['team-c-*'] },
    ],
  };
}

/** A stand-in for a chat webhook: the bodies it was sent. */
async function chatHook(): Promise<{ url: string; bodies: string[]; server: Server }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server };
}

describe("the operator's policy", () => {
  let sandbox: Sandbox;
  let drop: () => Promise<void>;
  let teamAChat: Awaited<ReturnType<typeof chatHook>>;
  let teamBChat: Awaited<ReturnType<typeof chatHook>>;
  beforeAll(async () => {
    const db = await createScratchDatabase('runway_policy');
    drop = db.drop;
    teamAChat = await chatHook();
    teamBChat = await chatHook();
    sandbox = await startSandbox({
      databaseUrl: db.url,
      buckets: ['shared-web'],
      herokuApps: [{ name: 'team-b-api', configVars: { TEAM_B_SECRET: 'kept' } }],
      runwayEnv: { TEAM_B_SECRET: 'team-b-only-value', TEAM_A_SLACK: teamAChat.url, TEAM_B_SLACK: teamBChat.url },
      policy: teamsPolicy,
    });
    await sandboxClient(sandbox.s3.endpoint).send(
      new PutObjectCommand({ Bucket: 'shared-web', Key: 'team-b/index.html', Body: 'team B site' }),
    );
  });
  afterAll(async () => {
    await sandbox?.close();
    await drop?.();
    teamAChat?.server.close();
    teamBChat?.server.close();
  });

  const attempts = [
    {
      what: "another team's Heroku app",
      backend: 'backend:\n      provider: heroku\n      app: team-b-api\n',
      field: 'environments.production.backend.app: Heroku app "team-b-api"',
    },
    {
      what: "another team's bucket with prefix ''",
      backend: 'frontend:\n      provider: s3\n      bucket: shared-web\n      prefix: ""\n      force_path_style: true\n',
      field: 'environments.production.frontend.bucket: bucket "shared-web" with prefix ""',
    },
    {
      what: "another team's server variable",
      backend: 'backend:\n      provider: heroku\n      app: team-a-api\n      config_vars:\n        STOLEN: { from_env: TEAM_B_SECRET }\n',
      field: 'environments.production.backend.config_vars.STOLEN.from_env: server variable TEAM_B_SECRET',
    },
  ];

  it.each(attempts.map((a, i) => ({ ...a, i })))(
    'refuses $what before any step, naming the field and the policy entry',
    async ({ backend, field, i }) => {
      const { github, heroku, s3, runway } = sandbox;
      heroku.requestLog.length = 0;
      s3.clearRequestLog();
      const config = `environments:\n  production:\n    ${backend}`;
      const { final } = await mergeAndAwaitDeployment(github, {
        owner: 'acme',
        repo: 'team-a',
        branch: `attempt-${i}`,
        files: { '.github/deploy.yml': config },
        environment: 'production',
        timeoutMs: 60_000,
      });
      expect(final.state).toBe('failure');
      expect(final.description).toContain(field.slice(0, 60));
      const log = await (await fetchRunwayPage(runway.url, final.logUrl, { headers: { accept: 'text/plain' } })).text();
      expect(log).toContain(`${field} is not granted to acme/team-a by the policy`);
      expect(log).toContain('(repositories[0] acme/team-a)');
      const id = Number(new URL(final.logUrl).pathname.split('/').pop());
      expect((await listSteps(runway.db, id)).filter((s) => s.state !== 'pending')).toEqual([]);
      // Nothing reached Heroku or S3: no build, no release, no listing, no delete.
      expect(heroku.requestLog).toEqual([]);
      expect(s3.requestLog).toEqual([]);
      const kept = await sandboxClient(s3.endpoint).send(new GetObjectCommand({ Bucket: 'shared-web', Key: 'team-b/index.html' }));
      expect(await kept.Body!.transformToString()).toBe('team B site');
    },
  );

  const deployTo = (repo: string, app: string) =>
    mergeAndAwaitDeployment(sandbox.github, {
      owner: 'acme',
      repo,
      branch: `try-${app}`,
      files: { '.github/deploy.yml': `environments:\n  production:\n    backend: { provider: heroku, app: ${app} }\n` },
      environment: 'production',
      timeoutMs: 60_000,
    });

  it('matches an entry by repository id alone, and names it when it refuses', async () => {
    const { final } = await deployTo('team-b', 'team-a-api');
    expect(final.state).toBe('failure');
    expect(final.description).toMatch(
      /^environments\.production\.backend\.app: Heroku app "team-a-api" is not granted to acme\/team-b by the policy /,
    );
    const log = await (await fetchRunwayPage(sandbox.runway.url, final.logUrl, { headers: { accept: 'text/plain' } })).text();
    expect(log).toMatch(/\(repositories\[1\] ids \d+\)/);
  });

  it('does not match a reused name whose entry lists another id', async () => {
    const { final } = await deployTo('team-c', 'team-c-api');
    expect(final.state).toBe('failure');
    expect(final.description).toContain('is in no entry of the policy');
  });

  it("refuses another team's chat webhook, and sends it nothing while the team's own hears of the failure", async () => {
    const config = `environments:
  production:
    backend: { provider: command, run: echo hi }
notify:
  - slack: { webhook: TEAM_A_SLACK }
  - slack: { webhook: TEAM_B_SLACK }
`;
    const { final } = await mergeAndAwaitDeployment(sandbox.github, {
      owner: 'acme',
      repo: 'team-a',
      branch: 'chat',
      files: { '.github/deploy.yml': config },
      environment: 'production',
      timeoutMs: 60_000,
    });
    expect(final.state).toBe('failure');
    expect(final.description).toMatch(/^notify\[1\]\.slack\.webhook: server variable TEAM_B_SLACK is not granted to acme\/team-a/);
    await sandbox.github.waitFor(() => teamAChat.bodies.find((b) => b.includes('notify[1]')), { what: "team A's failure message" });
    expect(teamBChat.bodies).toEqual([]);
  });
});
