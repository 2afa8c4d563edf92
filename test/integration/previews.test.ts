import { ListObjectsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTree } from '../../sandbox/read-tree.ts';
import { sandboxClient } from '../../sandbox/s3/index.ts';
import { SANDBOX_ARTIFACTS_BUCKET, startSandbox, type Sandbox } from '../../sandbox/stack.ts';
import type { FakeDeployment } from '../../sandbox/github/types.ts';
import { PREVIEW_COMMENT_TITLE } from '../../src/previews/preview-comment.ts';

// Issue 16: previews on the sandbox stack (fake GitHub, Heroku sandbox, s3rver, Runway in process):
// a colliding name, the fork rule with a maintainer's /preview (and a fork push after it), the cap
// and the time to live. Create, update on push and teardown on close, with production untouched,
// are the end-to-end test's (test/e2e/preview-cargo-express.test.ts).

const owner = 'acme';
const PROD_APP = 'shop';
const PROD_BUCKET = 'shop-web';
const PREVIEW_BUCKET = 'shop-previews';
const PROD_SECRET = `prod-secret-${Math.random().toString(36).slice(2)}`;

function deployYml(site: string, previews: string): string {
  return `environments:
  production:
    branch: main
    backend:
      provider: heroku
      app: ${PROD_APP}
      path: api
      healthcheck: /healthz
      config_vars:
        SHOP_SECRET: { from_env: SHOP_SECRET }
    frontend:
      provider: s3
      path: web
      build: node build.mjs
      env:
        VITE_API_URL: \${{ backend.url }}
      bucket: ${PROD_BUCKET}
      site_url: ${site}
previews:
${previews}`;
}

describe('preview environments', () => {
  let sandbox: Sandbox;
  let files: Record<string, string>;
  const repo = 'shop';
  const ttlRepo = 'shop-ttl';
  let ttlPr: { number: number; sha: string };

  const comments = (name: string, pr: number) =>
    sandbox.github.comments(owner, name, pr).filter((c) => c.body.startsWith(PREVIEW_COMMENT_TITLE));
  const commentSays = (name: string, pr: number, text: string | RegExp) =>
    sandbox.github.waitFor(
      () => {
        const [c] = comments(name, pr);
        return c && (typeof text === 'string' ? c.body.includes(text) : text.test(c.body)) && c;
      },
      { what: `the preview comment of #${pr} to say ${String(text)}`, timeoutMs: 120_000 },
    );
  const finishedPreview = (name: string, pr: number, sha: string): Promise<FakeDeployment> =>
    sandbox.github.waitFor(
      () =>
        sandbox.github
          .deployments(owner, name)
          .find(
            (d) =>
              d.environment === `pr-${pr}` && d.sha === sha && d.statuses.some((s) => ['success', 'failure', 'error'].includes(s.state)),
          ),
      { what: `the preview deployment of #${pr} at ${sha.slice(0, 7)}`, timeoutMs: 180_000 },
    );
  const openPr = async (name: string, branch: string, user: string, fromFork = false) => {
    const sha = sandbox.github.commit(owner, name, { branch, files: { [`notes/${branch}.md`]: `# ${branch}\n` }, author: user });
    const number = sandbox.github.openPullRequest(owner, name, { head: branch, user, fromFork });
    await sandbox.github.pullRequestEvent(owner, name, number, 'opened');
    return { number, sha };
  };
  const previewKeys = async (prefix: string, bucket = PREVIEW_BUCKET) => {
    const s3 = sandboxClient(sandbox.s3.endpoint);
    try {
      const listed = await s3.send(new ListObjectsCommand({ Bucket: bucket, Prefix: prefix }));
      return (listed.Contents ?? []).map((o) => o.Key);
    } finally {
      s3.destroy();
    }
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      buckets: [PROD_BUCKET, PREVIEW_BUCKET],
      herokuApps: [{ name: PROD_APP }, { name: 'shop-pr-1' }],
      runwayEnv: { SHOP_SECRET: PROD_SECRET },
    });
    const site = sandbox.s3.websiteUrl(PROD_BUCKET);
    files = {
      ...(await readTree('fixtures/heroku-apps/good-v1', 'api')),
      ...(await readTree('fixtures/sites/hello-api', 'web')),
    };
    const previews = `  from: production
  backend:
    app: '{app}-pr-{number}'
    addons: [heroku-postgresql:essential-0]
    config_vars:
      PREVIEW: 'yes'
  frontend:
    bucket: ${PREVIEW_BUCKET}
    prefix: 'pr-{number}/'
    site_url: ${sandbox.s3.websiteUrl(PREVIEW_BUCKET)}pr-{number}/
  max_alive: 1
`;
    sandbox.github.createRepo({ owner, name: repo, files: { '.github/deploy.yml': deployYml(site, previews), ...files } });
    sandbox.github.setPermission(owner, repo, 'writer', 'write');

    // The time to live's preview (17 s) is opened first, so that its deployment runs while the other cases do.
    const ttlPreviews = `  from: production
  backend:
    app: 'ttl-pr-{number}'
  frontend:
    bucket: ${PREVIEW_BUCKET}
    prefix: 'ttl-{number}/'
  ttl_days: 0.0002
`;
    sandbox.github.createRepo({
      owner,
      name: ttlRepo,
      files: { '.github/deploy.yml': deployYml('http://127.0.0.1:9/', ttlPreviews), ...files },
    });
    sandbox.github.setPermission(owner, ttlRepo, 'writer', 'write');
    ttlPr = await openPr(ttlRepo, 'short-lived', 'writer');
  }, 120_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  it('refuses a name that collides with an app Runway did not create, and leaves that app alone', async () => {
    const foreign = sandbox.heroku.app('shop-pr-1');
    const { number } = await openPr(repo, 'feature-b', 'writer');
    expect(number).toBe(1);
    const comment = await commentSays(repo, number, 'no preview');
    expect(comment.body).toContain('shop-pr-1 exists already, and Runway did not create it');
    expect(sandbox.heroku.app('shop-pr-1').id).toBe(foreign.id);
    expect(sandbox.heroku.app('shop-pr-1').releases).toHaveLength(foreign.releases.length);
    expect(sandbox.github.deployments(owner, repo).filter((d) => d.environment === 'pr-1')).toEqual([]);
  }, 120_000);

  let fork: { number: number; sha: string };

  it("refuses a fork's pull request until a maintainer's /preview, and every later push needs it again", async () => {
    fork = await openPr(repo, 'fork-change', 'stranger', true);
    await commentSays(repo, fork.number, 'comes from a fork');
    expect(sandbox.heroku.hasApp(`shop-pr-${fork.number}`)).toBe(false);

    await sandbox.github.comment(owner, repo, fork.number, { user: 'writer', body: '/preview' });
    const deployment = await finishedPreview(repo, fork.number, fork.sha);
    expect(deployment.statuses.at(-1)?.state, deployment.statuses.at(-1)?.description).toBe('success');
    const app = sandbox.heroku.app(`shop-pr-${fork.number}`);
    expect(app.database?.plan).toBe('heroku-postgresql:essential-0');
    // Nothing of production's: its secret is neither a config var nor any value of one.
    expect(app.configVars.PREVIEW).toBe('yes');
    expect(app.configVars.SHOP_SECRET).toBeUndefined();
    expect(Object.values(app.configVars)).not.toContain(PROD_SECRET);
    expect(sandbox.heroku.app(PROD_APP).releases).toHaveLength(1);
    // Runway keeps the preview's manifest and sync record in the artifact store, under its environment.
    expect(await previewKeys(`${owner}/${repo}/pr-${fork.number}/`, SANDBOX_ARTIFACTS_BUCKET)).toEqual(
      expect.arrayContaining([`${owner}/${repo}/pr-${fork.number}/current.json`, `${owner}/${repo}/pr-${fork.number}/synced.json`]),
    );

    const pushed = sandbox.github.commit(owner, repo, { branch: 'fork-change', files: { 'notes/evil.md': 'x\n' }, author: 'stranger' });
    await sandbox.github.pullRequestEvent(owner, repo, fork.number, 'synchronize');
    await commentSays(repo, fork.number, `${fork.sha.slice(0, 7)} was approved; ${pushed.slice(0, 7)} was not`);
    expect(sandbox.github.deployments(owner, repo).filter((d) => d.sha === pushed)).toEqual([]);
  }, 240_000);

  it('refuses a preview beyond max_alive', async () => {
    const { number } = await openPr(repo, 'feature-c', 'writer');
    const comment = await commentSays(repo, number, 'no preview');
    expect(comment.body).toContain('the most `previews.max_alive` allows (1)');
    expect(sandbox.heroku.hasApp(`shop-pr-${number}`)).toBe(false);
  }, 120_000);

  it('tears a preview down when its time to live runs out', async () => {
    const { number, sha } = ttlPr;
    const deployment = await finishedPreview(ttlRepo, number, sha);
    expect(deployment.statuses.some((s) => s.state === 'success')).toBe(true);
    await commentSays(ttlRepo, number, 'its time to live ran out');
    expect(sandbox.heroku.hasApp(`ttl-pr-${number}`)).toBe(false);
    expect(await previewKeys(`ttl-${number}/`)).toEqual([]);
    expect(await previewKeys(`${owner}/${ttlRepo}/pr-${number}/`, SANDBOX_ARTIFACTS_BUCKET)).toEqual([]);
    expect(sandbox.github.deployments(owner, ttlRepo).at(-1)?.statuses.at(-1)?.state).toBe('inactive');
  }, 240_000);
});
