import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

// One engine: the triggers use the store only through queries both engines already share.
const config = `environments:
  production:
    branch: main
    on: { tag: "v*" }
    backend: { provider: command, run: echo "release of $(cat VERSION)" }
  staging:
    branch: main
    on: push
    backend: { provider: command, run: echo "staging at $(cat VERSION)" }
  demo:
    branch: main
    on: { release: published }
    backend: { provider: command, run: echo demo }
  gated:
    branch: main
    on: { tag: "gate-*" }
    when_locked: refuse
    backend: { provider: command, run: echo gated }
`;

describe('deployments started by a push, a tag or a release (on:)', () => {
  let stack: RunwayStack;
  let db: pg.Client;
  beforeAll(async () => {
    stack = await startRunwayStack('postgres');
    stack.github.createRepo({ owner: 'acme', name: 'shop', files: { '.github/deploy.yml': config, VERSION: 'v1' } });
    stack.github.setPermission('acme', 'shop', 'lead', 'write');
    stack.github.setPermission('acme', 'shop', 'visitor', 'read');
    db = new pg.Client({ connectionString: stack.store.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await stack?.close();
  });

  const deploymentsOf = (environment: string) => stack.github.deployments('acme', 'shop').filter((d) => d.environment === environment);
  /** Waits until `n` trigger jobs for pushes to main have finished. */
  const pushJobsDone = (n: number) =>
    stack.github.waitFor(
      async () =>
        Number(
          (
            await db.query<{ n: string }>(
              `SELECT count(*) AS n FROM jobs WHERE kind = 'trigger_deployments' AND key = 'push:acme/shop:main' AND state = 'done'`,
            )
          ).rows[0]?.n,
        ) === n,
      { what: `${n} push jobs done`, timeoutMs: 30_000 },
    );
  const succeeded = (environment: string, sha: string) =>
    stack.github.waitFor(() => deploymentsOf(environment).find((d) => d.sha === sha && d.statuses.at(-1)?.state === 'success'), {
      what: `a successful ${environment} deployment of ${sha.slice(0, 7)}`,
      timeoutMs: 30_000,
    });
  /** Waits until Runway's worker finished the job of one event, so that "nothing was deployed" is an answer. */
  const handled = (key: string) =>
    stack.github.waitFor(
      async () =>
        (await db.query<{ state: string }>(`SELECT state FROM jobs WHERE kind = 'trigger_deployments' AND key = $1`, [key])).rows.find(
          (r) => r.state === 'done',
        ),
      { what: `the trigger job ${key} done`, timeoutMs: 30_000 },
    );

  it('a tag pushed by a deployer deploys the environment whose glob it matches, at the tagged commit', async () => {
    const { github } = stack;
    const sha = github.commit('acme', 'shop', { branch: 'main', files: { VERSION: 'v2' } });
    const delivery = await github.pushTag('acme', 'shop', { tag: 'v2.0.0', sha, pusher: 'lead' });
    expect(delivery.status).toBe(200);
    const deployment = await succeeded('production', sha);
    expect(deployment).toMatchObject({
      ref: sha,
      description: 'Tag v2.0.0 by @lead',
      payload: { runway: { trigger: 'tag', ref: 'v2.0.0' } },
    });
    // Only the tag's environment: neither the push nor the release environment moved.
    expect(deploymentsOf('staging')).toEqual([]);
    expect(deploymentsOf('demo')).toEqual([]);
  });

  it('a tag on a commit outside the branch, or by someone outside deployers, or not matching the glob, deploys nothing', async () => {
    const { github } = stack;
    const before = deploymentsOf('production').length;
    const outside = github.commit('acme', 'shop', { branch: 'experiment', files: { VERSION: 'unreviewed' } });
    await github.pushTag('acme', 'shop', { tag: 'v3.0.0', sha: outside, pusher: 'lead' });
    const onMain = github.branchSha('acme', 'shop', 'main');
    await github.pushTag('acme', 'shop', { tag: 'v3.0.1', sha: onMain, pusher: 'visitor' });
    await github.pushTag('acme', 'shop', { tag: 'nightly', sha: onMain, pusher: 'lead' });
    await handled('tag:acme/shop:v3.0.0');
    await handled('tag:acme/shop:v3.0.1');
    await handled('tag:acme/shop:nightly');
    expect(deploymentsOf('production')).toHaveLength(before);
    expect(github.deployments('acme', 'shop').some((d) => d.sha === outside)).toBe(false);
  });

  it('a push deploys the push environment once: a push of a commit already deployed there is skipped', async () => {
    const { github } = stack;
    const { sha } = await github.pushBranch('acme', 'shop', { branch: 'main', files: { VERSION: 'v4' }, pusher: 'lead' });
    const deployment = await succeeded('staging', sha);
    expect(deployment.description).toBe('Push to main by @lead');
    // The branch moves back to that same commit (a force push after a mistake): nothing new.
    const again = github.buildPayload.push('acme', 'shop', { ref: 'refs/heads/main', before: sha, after: sha, pusher: 'lead' });
    expect((await github.sendWebhook('push', again)).status).toBe(200);
    await pushJobsDone(2);
    expect(deploymentsOf('staging').filter((d) => d.sha === sha)).toHaveLength(1);
  });

  it('a release published by a deployer deploys the release environment; a non-deployer push deploys nothing', async () => {
    const { github } = stack;
    const sha = github.branchSha('acme', 'shop', 'main');
    await github.pushTag('acme', 'shop', { tag: 'release-5', sha, pusher: 'lead' });
    await github.publishRelease('acme', 'shop', { tag: 'release-5', author: 'lead' });
    const deployment = await succeeded('demo', sha);
    expect(deployment.description).toBe('Release release-5 by @lead');

    const stagingBefore = deploymentsOf('staging').length;
    const { sha: pushed } = await github.pushBranch('acme', 'shop', { branch: 'main', files: { VERSION: 'v6' }, pusher: 'visitor' });
    await pushJobsDone(3);
    expect(deploymentsOf('staging')).toHaveLength(stagingBefore);
    expect(github.deployments('acme', 'shop').some((d) => d.sha === pushed)).toBe(false);
  });

  it('a tag for an environment that is locked and refuses deployments while locked deploys nothing', async () => {
    const { github } = stack;
    await github.comment('acme', 'shop', 70, { user: 'lead', body: '/lock gated maintenance' });
    await github.waitFor(() => github.comments('acme', 'shop', 70).find((c) => c.user === 'runway[bot]'), { what: 'the lock reply' });
    await github.pushTag('acme', 'shop', { tag: 'gate-1', sha: github.branchSha('acme', 'shop', 'main'), pusher: 'lead' });
    await handled('tag:acme/shop:gate-1');
    expect(deploymentsOf('gated')).toEqual([]);
  });
});
