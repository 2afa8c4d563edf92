import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { treeRss } from '../../sandbox/process-tree.ts';
import { spawnRunway, type RunwayProcess } from '../../sandbox/runway-process.ts';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';

describe('npm start runs the compiled code', () => {
  let github: FakeGitHub;
  let dataDir: string;
  let runway: RunwayProcess | undefined;
  beforeAll(async () => {
    // What `npm start`'s prestart does: build dist/ when it is missing or stale.
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--if-stale'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(build.status, build.stderr).toBe(0);
    github = await startFakeGitHub({ webhookSecret: 'compiled-start-secret' });
    dataDir = await mkdtemp(path.join(tmpdir(), 'runway-compiled-'));
  }, 150_000);
  afterAll(async () => {
    await runway?.stop();
    await github?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'starts from dist/ on an empty data directory, migrated; its launcher starts in plain node with the first command',
    { timeout: 150_000 },
    async () => {
      runway = await spawnRunway(sandboxRunwayEnv({ github, dataDir }), [], { entry: 'compiled' });
      const health = await fetch(`${runway.url}/healthz`);
      expect(health.status).toBe(200);
      const commands = async () => (await treeRss(runway!.pid)).map((p) => p.command);
      const isLauncher = (c: string) => /dist\/src\/shell\/launcher-process\.js$/.test(c);
      expect((await commands())[0]).toMatch(/dist\/src\/main\.js$/);
      expect((await commands()).join('\n')).not.toContain('tsx');
      // Idle: the sandbox's start-up self-test ran in a launcher of its own, which is gone once it passed.
      await github.waitFor(() => runway!.output.some((l) => l.includes('the command sandbox passed its self-test')), {
        what: 'the self-test to pass',
      });
      await github.waitFor(async () => !(await commands()).some(isLauncher), { what: "the self-test's launcher to exit" });

      github.createRepo({
        owner: 'acme',
        name: 'compiled',
        files: {
          '.github/deploy.yml':
            'environments:\n  production:\n    branch: main\n    backend:\n      provider: command\n      run: echo deployed\n',
        },
      });
      github.setPermission('acme', 'compiled', 'deploy-tool', 'write');
      github.setWebhookTarget(`${runway.url}/api/github/webhooks`);
      const octokit = new ProbotOctokit({
        auth: { token: github.userToken('deploy-tool') },
        baseUrl: `${github.url}/api/v3`,
        throttle: { enabled: false },
      });
      const created = await octokit.rest.repos.createDeployment({
        owner: 'acme',
        repo: 'compiled',
        ref: 'main',
        environment: 'production',
        auto_merge: false,
        required_contexts: [],
      });
      const id = (created.data as { id: number }).id;
      const states = () =>
        github
          .deployments('acme', 'compiled')
          .find((d) => d.id === id)
          ?.statuses.map((s) => s.state) ?? [];
      await github.waitFor(() => states().some((s) => ['success', 'failure', 'error'].includes(s)), { what: 'the deployment to end' });
      expect(states().at(-1)).toBe('success');
      // The first command started the shared launcher, in plain node (it stays a minute for the next ones).
      const launchers = (await commands()).filter(isLauncher);
      expect(launchers).toHaveLength(1);
      expect(launchers[0]).not.toContain('tsx');
    },
  );
});
