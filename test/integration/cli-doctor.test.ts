import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliOutput } from '../../src/cli/cli-output.ts';
import { deploymentsCommand } from '../../src/cli/deployments-command.ts';
import { doctorCommand } from '../../src/cli/doctor-command.ts';
import { freePort } from '../../sandbox/free-port.ts';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { startHerokuPlatform, type HerokuPlatform } from '../../sandbox/heroku/index.ts';
import { startS3Server, type S3Server } from '../../sandbox/s3/index.ts';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';

function captured(): CliOutput & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, print: (l) => out.push(l), error: (l) => err.push(l) };
}

describe('runway doctor and runway deployments against the fake GitHub, the Heroku sandbox and s3rver', () => {
  let github: FakeGitHub;
  let heroku: HerokuPlatform;
  let s3: S3Server;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'runway-doctor-'));
    github = await startFakeGitHub({ webhookSecret: 'doctor-secret' });
    heroku = await startHerokuPlatform({ token: 'heroku-right-token', workDir: path.join(dir, 'heroku') });
    s3 = await startS3Server({ directory: path.join(dir, 's3'), buckets: [], privateBuckets: ['runway-artifacts'] });
    env = sandboxRunwayEnv({
      github,
      dataDir: path.join(dir, 'data'),
      heroku: { url: heroku.url, dataApiUrl: heroku.dataApiUrl, token: 'heroku-right-token' },
      s3Endpoint: s3.endpoint,
      policy: false,
      extra: { RUNWAY_ARTIFACTS_BUCKET: 'runway-artifacts' },
    });
  });
  afterAll(async () => {
    await github?.close();
    await heroku?.close();
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds nothing wrong with a working installation (exit 0)', async () => {
    const output = captured();
    const code = await doctorCommand(env, output);
    expect(output.out.join('\n')).toMatch(/✓ GitHub App: runway \(id \d+\): permissions and events match app\.yml/);
    expect(output.out).toContain(`✓ Heroku token: accepted by ${heroku.url} (account sandbox@heroku.local)`);
    expect(output.out).toContain(`✓ S3 artifacts bucket: s3://runway-artifacts at ${s3.endpoint} answers`);
    // The sandbox line depends on this host (root, bwrap): whatever it says, the other checks decide nothing about it.
    const sandboxProblem = output.err.some((l) => l.startsWith('✗ Command sandbox'));
    expect(code).toBe(sandboxProblem ? 1 : 0);
    expect(output.err.filter((l) => !l.startsWith('✗ Command sandbox'))).toEqual([]);
  });

  it('names a wrong Heroku token, a missing App permission and an unreachable bucket, and exits 1', async () => {
    github.setAppPermissions({
      metadata: 'read',
      contents: 'read',
      checks: 'read',
      statuses: 'read',
      issues: 'write',
      pull_requests: 'write',
    });
    try {
      const closed = await freePort();
      const output = captured();
      const code = await doctorCommand(
        { ...env, HEROKU_API_TOKEN: 'heroku-wrong-token', AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${closed}` },
        output,
      );
      expect(code).toBe(1);
      const errors = output.err.join('\n');
      expect(errors).toMatch(/✗ GitHub App: runway \(id \d+\): permissions missing: deployments: write \(has none\)\. Fix them/);
      expect(errors).toContain(`✗ Heroku token: ${heroku.url} refused HEROKU_API_TOKEN (401: Invalid credentials provided.)`);
      expect(errors).toContain(`✗ S3 artifacts bucket: s3://runway-artifacts at http://127.0.0.1:${closed} is unreachable (ECONNREFUSED)`);
      expect(errors).not.toContain('heroku-wrong-token');
    } finally {
      github.setAppPermissions({ metadata: 'read', contents: 'read', deployments: 'write', issues: 'write', pull_requests: 'write' });
    }
  });

  it('says when GitHub does not answer, and when the settings are incomplete', async () => {
    const closed = await freePort();
    const down = captured();
    expect(await doctorCommand({ ...env, GHE_HOST: `127.0.0.1:${closed}` }, down)).toBe(1);
    expect(down.err.join('\n')).toContain(`✗ GitHub App: GitHub at http://127.0.0.1:${closed}/api/v3 does not answer (ECONNREFUSED)`);
    const wrongKey = captured();
    const { privateKey } = await import('../../sandbox/github/app-auth.ts').then((m) => m.generateAppKeys());
    expect(await doctorCommand({ ...env, PRIVATE_KEY: privateKey }, wrongKey)).toBe(1);
    expect(wrongKey.err.join('\n')).toMatch(/✗ GitHub App: GitHub answered 401: .*APP_ID and PRIVATE_KEY do not belong together/);
    const missing = captured();
    expect(await doctorCommand({ PATH: env.PATH }, missing)).toBe(1);
    expect(missing.err[0]).toMatch(/^✗ Settings: \d+ missing or invalid/);
    expect(missing.err.join('\n')).toContain('APP_ID: required');
  });

  it('lists GitHub deployments with their last status; a repository without the App is named', async () => {
    const repo = github.createRepo({ owner: 'acme', name: 'shop', files: { 'README.md': 'shop\n' } });
    github.setPermission('acme', 'shop', 'deploy-tool', 'write');
    const tool = new ProbotOctokit({
      auth: { token: github.userToken('deploy-tool') },
      baseUrl: `${github.url}/api/v3`,
      throttle: { enabled: false },
    });
    const made = await tool.rest.repos.createDeployment({
      owner: 'acme',
      repo: 'shop',
      ref: 'main',
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
    });
    const id = (made.data as { id: number }).id;
    await tool.rest.repos.createDeploymentStatus({
      owner: 'acme',
      repo: 'shop',
      deployment_id: id,
      state: 'success',
      description: 'deployed v2',
    });
    const listed = captured();
    expect(await deploymentsCommand(env, { repository: 'acme/shop', environment: 'production' }, listed)).toBe(0);
    expect(listed.out).toEqual([
      expect.stringMatching(new RegExp(`^#${id}  production  ${repo.headSha.slice(0, 7)}  \\S+  deploy-tool  success — deployed v2$`)),
    ]);
    const none = captured();
    expect(await deploymentsCommand(env, { repository: 'acme/shop', environment: 'staging' }, none)).toBe(0);
    expect(none.out).toEqual(['No deployments of acme/shop to staging.']);
    const absent = captured();
    expect(await deploymentsCommand(env, { repository: 'acme/nothing-here' }, absent)).toBe(1);
    expect(absent.err[0]).toContain('(is the App installed on acme/nothing-here?)');
    expect(await deploymentsCommand(env, { repository: 'not a repo' }, captured())).toBe(2);
  });
});
