import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeDeployment, type FakeGitHub } from '../../../sandbox/github/index.ts';
import { sandboxRunwayEnv } from '../../../sandbox/runway-env.ts';
import { loadSettings } from '../../../src/config/settings.ts';
import { startRunway, type RunningRunway } from '../../../src/runway.ts';
import { storeFor, type EngineStore } from '../../support/engines.ts';
import { fetchLogPage, finalStatus as finalOf } from '../../support/merge-and-deploy.ts';

const O = 'acme';
const R = 'shop';
const config = `environments:
  production:
    branch: main
    backend: { provider: command, run: echo deployed $(cat VERSION) }
`;

/**
 * Wait for CI (issue 14 §1) over real HTTP: the fake GitHub's branch protection names the CI app as
 * the source of `test` and `lint`, a ruleset requires `build` from anyone. The poll is an hour, so
 * only check webhooks move a waiting deployment; the clock is Runway's injected one.
 */
describe('a merge waits for its CI checks', () => {
  let github: FakeGitHub;
  let store: EngineStore;
  let runway: RunningRunway | undefined;
  let offsetMs = 0;
  let mallory: InstanceType<typeof ProbotOctokit>;

  const start = async () => {
    const env = sandboxRunwayEnv({
      github,
      dataDir: store.dataDir,
      databaseUrl: store.databaseUrl,
      extra: { RUNWAY_JOB_LEASE_SECONDS: '5', RUNWAY_CHECKS_POLL_SECONDS: '3600' },
    });
    const loaded = loadSettings(env);
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    runway = await startRunway(loaded.settings, { clock: () => new Date(Date.now() + offsetMs) });
    github.setWebhookTarget(`${runway.url}/api/github/webhooks`);
  };

  beforeAll(async () => {
    github = await startFakeGitHub({ webhookSecret: 'checks-secret', strictTokens: true });
    store = await storeFor('postgres');
    github.createRepo({ owner: O, name: R, files: { '.github/deploy.yml': config, VERSION: 'v1' } });
    github.registerApp('ci');
    github.protectBranch(O, R, 'main', [
      { context: 'test', app: 'ci' },
      { context: 'lint', app: 'ci' },
    ]);
    github.addRuleset(O, R, { branches: ['main'], checks: [{ context: 'build' }] });
    github.setPermission(O, R, 'mallory', 'write');
    mallory = new ProbotOctokit({
      auth: { token: github.userToken('mallory') },
      baseUrl: `${github.url}/api/v3`,
      throttle: { enabled: false },
    });
    await start();
  });
  afterAll(async () => {
    await runway?.close();
    await github?.close();
    await store?.cleanup();
  });

  let n = 0;
  const merge = async () => {
    n += 1;
    github.commit(O, R, { branch: `change-${n}`, files: { VERSION: `v${n + 1}` } });
    const pr = github.openPullRequest(O, R, { head: `change-${n}`, user: 'dev' });
    const { mergeSha } = await github.mergePullRequest(O, R, pr, { mergedBy: 'lead' });
    return mergeSha;
  };
  const deploymentOf = (sha: string) => github.deployments(O, R).find((d) => d.sha === sha);
  const lastStatus = (sha: string, description: RegExp | string) =>
    github.waitFor(
      () => {
        const last = deploymentOf(sha)?.statuses.at(-1);
        return last && (typeof description === 'string' ? last.description === description : description.test(last.description)) && last;
      },
      {
        what: `the deployment of ${sha.slice(0, 7)} to say ${String(description)} (it says: ${JSON.stringify(deploymentOf(sha)?.statuses.map((x) => x.description))})`,
        timeoutMs: 30_000,
      },
    );
  /** Runway has asked GitHub for the commit's statuses since `since` (it has seen the prompt). */
  const askedAgain = (sha: string, since: number) =>
    github.waitFor(() => github.calls.find((c) => c.at >= since && c.method === 'GET' && c.path.endsWith(`/commits/${sha}/statuses`)), {
      what: 'Runway to ask GitHub about the checks again',
    });
  const states = (d: FakeDeployment | undefined) => d?.statuses.map((s) => s.state);

  it('keeps the deployment queued across a restart while checks are pending, ignores a status from the wrong source, and starts it when all are green', async () => {
    const sha = await merge();
    await lastStatus(sha, 'waiting for CI: 0/3 green (test, lint, build pending)');
    // GitHub is never asked to check contexts itself (it would answer 409 while they run).
    expect(deploymentOf(sha)?.requiredContexts).toEqual([]);

    await github.setCheckRun(O, R, sha, { app: 'ci', name: 'test', conclusion: 'success' });
    await lastStatus(sha, 'waiting for CI: 1/3 green (lint, build pending)');

    // Anyone with write access can post a status named `lint`: protection says only the CI app counts.
    const since = Date.now();
    await mallory.rest.repos.createCommitStatus({ owner: O, repo: R, sha, state: 'success', context: 'lint' });
    await askedAgain(sha, since);
    // Had it counted mallory's status, it would post "2/3 green" right after asking.
    await new Promise((r) => setTimeout(r, 1000));
    expect(deploymentOf(sha)?.statuses.at(-1)?.description).toBe('waiting for CI: 1/3 green (lint, build pending)');

    // A restart: the wait is in the store, not in memory.
    await runway!.close();
    runway = undefined;
    await start();

    await github.setCheckRun(O, R, sha, { app: 'ci', name: 'lint', conclusion: 'success' });
    await lastStatus(sha, 'waiting for CI: 2/3 green (build pending)');
    expect(states(deploymentOf(sha))).not.toContain('in_progress');
    await github.postCommitStatus(O, R, sha, { context: 'build', state: 'success', creator: 'builder' });
    const success = await lastStatus(sha, /^deployed /);
    expect(success.state).toBe('success');
    const all = states(deploymentOf(sha))!;
    expect(all.slice(-2)).toEqual(['in_progress', 'success']);
    expect(all.slice(0, -2).every((s) => s === 'queued')).toBe(true);
  });

  it('lets an admin deploy without waiting (--skip-checks), which the log records, and refuses it to anyone else', async () => {
    github.setPermission(O, R, 'boss', 'admin');
    github.setPermission(O, R, 'writer', 'write');
    const sha = await merge();
    await lastStatus(sha, /^waiting for CI: 0\/3/);
    await github.comment(O, R, 70, { user: 'writer', body: `/deploy ${sha} to production --skip-checks` });
    const refused = await github.waitFor(() => github.comments(O, R, 70).find((c) => c.user.endsWith('[bot]')), { what: 'the refusal' });
    expect(refused.body).toBe('Refused: `--skip-checks` needs admin access to this repository; @writer has write.');

    await github.comment(O, R, 71, { user: 'boss', body: `/deploy ${sha} to production --skip-checks` });
    const skipped = await github.waitFor(
      () => github.deployments(O, R).find((d) => d.sha === sha && d.payload !== null && finalOf(d)?.state === 'success'),
      { what: 'the --skip-checks deployment to succeed', timeoutMs: 20_000 },
    );
    const log = await fetchLogPage(runway!.url, finalOf(skipped)!.logUrl);
    expect(log).toContain('CI checks not waited for: /deploy --skip-checks by @boss');
    // The merge's own deployment still waits for CI.
    expect(deploymentOf(sha)?.statuses.at(-1)?.description).toMatch(/^waiting for CI: 0\/3/);
  });

  it('fails the deployment naming the red check, without starting it', async () => {
    const sha = await merge();
    await lastStatus(sha, /^waiting for CI: 0\/3/);
    await github.setCheckRun(O, R, sha, { app: 'ci', name: 'lint', status: 'in_progress' });
    await github.setCheckRun(O, R, sha, { app: 'ci', name: 'test', conclusion: 'failure' });
    const failed = await lastStatus(sha, 'CI failed: test (failure)');
    expect(failed.state).toBe('failure');
    expect(states(deploymentOf(sha))).not.toContain('in_progress');
  });

  it('ends the deployment `error` when its checks outlast checks_timeout_minutes', async () => {
    const sha = await merge();
    await lastStatus(sha, /^waiting for CI: 0\/3/);
    await github.setCheckRun(O, R, sha, { app: 'ci', name: 'test', conclusion: 'success' });
    await lastStatus(sha, /^waiting for CI: 1\/3/);
    offsetMs = 61 * 60_000;
    await github.setCheckRun(O, R, sha, { app: 'ci', name: 'lint', status: 'in_progress' });
    const timedOut = await lastStatus(sha, 'CI did not finish within 60 minutes (checks_timeout_minutes): lint, build pending');
    expect(timedOut.state).toBe('error');
    expect(states(deploymentOf(sha))).not.toContain('in_progress');
  });
});
