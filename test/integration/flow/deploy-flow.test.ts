import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDeployment, FakeGitHub } from '../../../sandbox/github/index.ts';
import { hostProcessesWith } from '../../support/host-processes.ts';
import { finalStatus } from '../../support/merge-and-deploy.ts';
import { startRunwayStack, type RunwayStack } from '../../support/runway-stack.ts';

const O = 'acme';

// The step sleeps (with a second process beside it) while the commit has a SLOW file.
const config = `environments:
  production:
    branch: main
    backend:
      provider: command
      run: "echo start $(cat VERSION); if [ -f SLOW ]; then sleep $(cat SLOW) & sleep $(cat SLOW); fi; echo done"
`;

/**
 * Ship the newest, hold after a rollback, cancel (issue 14 §2–§4), over real HTTP with the fake
 * GitHub and an in-process Runway on PostgreSQL. One engine: the flow is the same SQL on both.
 */
describe('the deploy flow', () => {
  let stack: RunwayStack;
  let github: FakeGitHub;
  beforeAll(async () => {
    stack = await startRunwayStack('postgres');
    github = stack.github;
  });
  afterAll(() => stack?.close());

  const counter = { n: 0 };
  const merge = async (repo: string, files: Record<string, string | null>) => {
    const branch = `change-${++counter.n}`;
    github.commit(O, repo, { branch, files });
    const pr = github.openPullRequest(O, repo, { head: branch, title: branch, user: 'dev' });
    const { mergeSha } = await github.mergePullRequest(O, repo, pr, { mergedBy: 'lead' });
    return { pr, sha: mergeSha };
  };
  const deploymentOf = (repo: string, sha: string) =>
    github.waitFor(() => github.deployments(O, repo).find((d) => d.sha === sha && d.task === 'deploy'), {
      what: `a deployment of ${sha.slice(0, 7)}`,
    });
  const until = (repo: string, sha: string, check: (d: FakeDeployment) => boolean, what: string, timeoutMs = 30_000) =>
    github.waitFor(() => github.deployments(O, repo).find((d) => d.sha === sha && d.task === 'deploy' && check(d)), { what, timeoutMs });
  const ended = (repo: string, sha: string) =>
    until(repo, sha, (d) => finalStatus(d) !== undefined, `the end of ${sha.slice(0, 7)}`, 60_000);
  const states = (d: FakeDeployment) => d.statuses.map((s) => s.state);
  const command = async (repo: string, issue: number, body: string, user = 'lead') => {
    await github.comment(O, repo, issue, { user, body });
    return github.waitFor(
      () => github.comments(O, repo, issue).findLast((c) => c.user.endsWith('[bot]') && c.createdAt && c.id > 0 && c.body !== '' && c.body),
      { what: `a reply to ${body}` },
    );
  };
  const lastReply = (repo: string, issue: number, pattern: RegExp) =>
    github.waitFor(() => github.comments(O, repo, issue).find((c) => c.user.endsWith('[bot]') && pattern.test(c.body)), {
      what: `a reply matching ${String(pattern)}`,
    });

  it('ships only the newest of five merges that land during a running deploy; the four others become inactive and their PR comments say what shipped them', async () => {
    const repo = 'newest';
    github.createRepo({ owner: O, name: repo, files: { '.github/deploy.yml': config, VERSION: 'v0' } });
    const first = await merge(repo, { SLOW: '12', VERSION: 'v1' });
    await until(repo, first.sha, (d) => states(d).includes('in_progress'), 'the first deployment to run');
    const later = [];
    later.push(await merge(repo, { SLOW: null, VERSION: 'v2' }));
    for (const v of [3, 4, 5, 6]) later.push(await merge(repo, { VERSION: `v${v}` }));
    const newest = later.at(-1)!;
    for (const m of later) await until(repo, m.sha, (d) => d.statuses.length > 0, `the first status of ${m.sha.slice(0, 7)}`);
    // All five arrived while the first one still ran.
    expect(finalStatus(await deploymentOf(repo, first.sha))).toBeUndefined();

    const shipped = await ended(repo, newest.sha);
    expect(states(shipped)).toEqual(['queued', 'in_progress', 'success']);
    expect(finalStatus(await deploymentOf(repo, first.sha))?.state).toBe('success');
    for (const m of later.slice(0, -1)) {
      const d = await deploymentOf(repo, m.sha);
      expect(states(d)).not.toContain('in_progress');
      expect(d.statuses.at(-1)).toMatchObject({
        state: 'inactive',
        description: expect.stringMatching(/^superseded by [0-9a-f]{7} \(deployment \d+\)$/),
      });
      const comment = await github.waitFor(
        () => github.comments(O, repo, m.pr).find((c) => c.body.includes(`Shipped by deployment ${shipped.id}`)),
        { what: `the PR comment of #${m.pr} to name the deployment that shipped it` },
      );
      expect(comment.body).toContain(`superseded by \`${newest.sha.slice(0, 7)}\``);
      expect(comment.body).toContain('which succeeded');
    }
    // One more deploy: six deployments, two of which ran.
    const all = github.deployments(O, repo).filter((d) => d.task === 'deploy');
    expect(all).toHaveLength(6);
    expect(all.filter((d) => states(d).includes('in_progress'))).toHaveLength(2);
  });

  it('holds the next merge after /rollback until /resume, and marks the rolled-back deployment faulty', async () => {
    const repo = 'held';
    github.createRepo({ owner: O, name: repo, files: { '.github/deploy.yml': config, VERSION: 'v0' } });
    const good = await merge(repo, { VERSION: 'good' });
    expect(finalStatus(await ended(repo, good.sha))?.state).toBe('success');
    const bad = await merge(repo, { VERSION: 'bad' });
    expect(finalStatus(await ended(repo, bad.sha))?.state).toBe('success');

    await github.comment(O, repo, 90, { user: 'lead', body: '/rollback production' });
    await github.waitFor(
      () => github.deployments(O, repo).find((d) => d.task === 'deploy:rollback' && finalStatus(d)?.state === 'success'),
      { what: 'the rollback to succeed', timeoutMs: 30_000 },
    );

    const next = await merge(repo, { VERSION: 'next' });
    const held = await until(repo, next.sha, (d) => d.statuses.length > 0, 'the held merge to be announced');
    expect(held.statuses.at(-1)).toMatchObject({
      state: 'queued',
      description: `held after rollback of ${bad.sha.slice(0, 7)} by @lead; waiting for /resume production`,
    });
    await command(repo, 91, '/status production');
    const status = await lastReply(repo, 91, /Runway status/);
    expect(status.body).toContain(`held after rollback of ${bad.sha.slice(0, 7)} by @lead`);
    expect(status.body).toContain(`faulty: \`${bad.sha.slice(0, 7)}\``);
    await github.waitFor(() => github.comments(O, repo, bad.pr).find((c) => c.body.includes('Marked faulty: @lead rolled it back')), {
      what: "the faulty deployment's PR comment to say so",
    });
    expect(states(await deploymentOf(repo, next.sha))).toEqual(['queued']);

    await github.comment(O, repo, 92, { user: 'lead', body: '/resume production' });
    await lastReply(repo, 92, /resumed: it was held after rollback/);
    expect(states(await ended(repo, next.sha))).toEqual(['queued', 'queued', 'in_progress', 'success']);
  });

  it('/cancel stops the running deployment and every process of its sandbox, leaves the previous release live and ends it error; /cancel <id> removes a waiting one', async () => {
    const repo = 'cancel';
    github.createRepo({ owner: O, name: repo, files: { '.github/deploy.yml': config, VERSION: 'v0' } });
    github.createRepo({ owner: O, name: 'other', files: { '.github/deploy.yml': config, VERSION: 'v0' } });
    github.setPermission(O, repo, 'reader', 'read');
    const live = await merge(repo, { VERSION: 'live' });
    expect(finalStatus(await ended(repo, live.sha))?.state).toBe('success');

    const marker = '300.4321';
    const slow = await merge(repo, { SLOW: marker, VERSION: 'slow' });
    await github.waitFor(() => hostProcessesWith(marker).length >= 2 || undefined, {
      what: 'both sandboxed processes to run',
      timeoutMs: 30_000,
    });

    await github.comment(O, repo, 80, { user: 'reader', body: '/cancel production' });
    expect((await lastReply(repo, 80, /Refused/)).body).toContain('needs write');
    const otherDeployment = github.deployments(O, 'other')[0];
    await github.comment(O, repo, 81, { user: 'lead', body: `/cancel ${otherDeployment?.id ?? 1}` });
    await lastReply(repo, 81, /knows no deployment/);
    expect(hostProcessesWith(marker).length).toBeGreaterThanOrEqual(2);

    await github.comment(O, repo, 82, { user: 'lead', body: '/cancel production' });
    const cancelled = await ended(repo, slow.sha);
    expect(finalStatus(cancelled)).toMatchObject({ state: 'error', description: 'cancelled by @lead during backend.command' });
    await github.waitFor(() => hostProcessesWith(marker).length === 0 || undefined, { what: 'every sandboxed process to end' });
    await command(repo, 83, '/status production');
    const status = await lastReply(repo, 83, /Runway status/);
    expect(status.body).toContain(`live: \`${live.sha.slice(0, 7)}\``);

    // A waiting deployment (behind a lock) is removed by its id.
    await github.comment(O, repo, 84, { user: 'lead', body: '/lock production' });
    await lastReply(repo, 84, /is locked/);
    const waiting = await merge(repo, { SLOW: null, VERSION: 'waiting' });
    const queued = await until(repo, waiting.sha, (d) => d.statuses.length > 0, 'the locked merge to queue');
    await github.comment(O, repo, 85, { user: 'lead', body: `/cancel ${queued.id}` });
    await lastReply(repo, 85, /Removed deployment/);
    expect(finalStatus(await ended(repo, waiting.sha))).toMatchObject({
      state: 'error',
      description: 'cancelled by @lead before it started',
    });
    await github.comment(O, repo, 86, { user: 'lead', body: '/unlock production' });
    await lastReply(repo, 86, /unlocked/);
    await new Promise((r) => setTimeout(r, 1500));
    expect(states(await deploymentOf(repo, waiting.sha))).not.toContain('in_progress');
  });
});
