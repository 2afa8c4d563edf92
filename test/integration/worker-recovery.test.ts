import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';
import { engines, storeFor, type EngineStore } from '../support/engines.ts';
import { readPageText } from '../support/read-page.ts';
import { spawnRunway, type RunwayProcess } from '../../sandbox/runway-process.ts';

// The step sleeps when the commit has a SLOW file, long enough to be killed in the middle.
const config = `environments:
  production:
    branch: main
    backend: { provider: command, run: "if [ -f SLOW ]; then echo slow step started; sleep 20; fi; echo finished" }
`;

describe.each(engines)('a Runway killed during a step, on the %s store', (engine) => {
  let github: FakeGitHub;
  let store: EngineStore;
  let runway: RunwayProcess | undefined;
  let env: Record<string, string>;
  let octokit: InstanceType<typeof ProbotOctokit>;

  beforeAll(async () => {
    github = await startFakeGitHub({ webhookSecret: 'recovery-secret' });
    store = await storeFor(engine);
    env = sandboxRunwayEnv({ github, dataDir: store.dataDir, databaseUrl: store.databaseUrl, extra: { RUNWAY_JOB_LEASE_SECONDS: '3' } });
    github.createRepo({ owner: 'acme', name: 'svc', files: { '.github/deploy.yml': config } });
    github.setPermission('acme', 'svc', 'deploy-tool', 'write');
    octokit = new ProbotOctokit({
      // Another tool, with a token of its own: its deployments carry its user as `creator`, who may deploy.
      auth: { token: github.userToken('deploy-tool') },
      baseUrl: `${github.url}/api/v3`,
      throttle: { enabled: false },
    });
  });
  afterAll(async () => {
    await runway?.kill('SIGTERM');
    await github?.close();
    await store?.cleanup();
  });

  const deploy = async (ref: string) =>
    (
      (
        await octokit.rest.repos.createDeployment({
          owner: 'acme',
          repo: 'svc',
          ref,
          environment: 'production',
          auto_merge: false,
          required_contexts: [],
        })
      ).data as { id: number }
    ).id;
  const lastState = (id: number) =>
    github
      .deployments('acme', 'svc')
      .find((d) => d.id === id)
      ?.statuses.at(-1);

  it('ends the interrupted deployment with an error after a restart and frees the environment', async () => {
    runway = await spawnRunway(env);
    github.setWebhookTarget(`${runway.url}/api/github/webhooks`);
    const slowSha = github.commit('acme', 'svc', { branch: 'slow', files: { SLOW: 'yes' } });
    const slow = await deploy(slowSha);
    await github.waitFor(() => lastState(slow)?.state === 'in_progress', { what: 'the slow deployment in progress', timeoutMs: 30_000 });
    // Killed once the step is really running (a fixed pause lost that race on a loaded machine).
    for (let tries = 0; !(await readPageText(runway.url, '/deployments/1')).includes('slow step started'); tries++) {
      if (tries > 300) throw new Error('the slow step did not start within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await runway.kill('SIGKILL')).toBeNull();

    runway = await spawnRunway(env);
    github.setWebhookTarget(`${runway.url}/api/github/webhooks`);
    const ended = await github.waitFor(() => (lastState(slow)?.state === 'error' ? lastState(slow) : undefined), {
      what: 'the interrupted deployment to end',
      timeoutMs: 30_000,
    });
    expect(ended.description).toBe('worker stopped during the deployment');

    const next = await deploy('main');
    const done = await github.waitFor(() => (lastState(next)?.state === 'success' ? lastState(next) : undefined), {
      what: 'the next deployment to run',
      timeoutMs: 30_000,
    });
    expect(done.state).toBe('success');
    const page = await readPageText(runway.url, '/deployments/1');
    expect(page).toMatch(/error \(worker stopped during the deployment\)/);
    expect(page).toMatch(/failed\s+backend\.command \(worker stopped during the deployment\)/);
  });
});
