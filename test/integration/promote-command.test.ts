import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHerokuPlatform, type HerokuPlatform } from '../../sandbox/heroku/index.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

const token = `hk-${randomBytes(12).toString('hex')}`;
const suffix = randomBytes(2).toString('hex');
const stagingApp = `promote-staging-${suffix}`;
const productionApp = `promote-production-${suffix}`;

async function fixtureFiles(name: string): Promise<Record<string, string | null>> {
  const dir = join('fixtures/heroku-apps', name);
  const files: Record<string, string | null> = {};
  for (const f of await readdir(dir)) files[`api/${f}`] = await readFile(join(dir, f), 'utf8');
  return files;
}

// `canary` is never deployed (nothing live to promote); `scripts` uses another backend provider.
const config = `environments:
  staging:
    branch: main
    backend: { provider: heroku, app: ${stagingApp}, path: api }
  production:
    branch: main
    backend: { provider: heroku, app: ${productionApp}, path: api }
  canary:
    branch: main
    backend: { provider: heroku, app: promote-canary-${suffix}, path: api }
  scripts:
    branch: main
    backend: { provider: command, run: echo scripts }
`;

describe('/promote between two Heroku apps', () => {
  let platform: HerokuPlatform;
  let stack: RunwayStack;
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'runway-promote-'));
    platform = await startHerokuPlatform({ token, workDir });
    await platform.createApp(stagingApp);
    await platform.createApp(productionApp);
    stack = await startRunwayStack('postgres', {
      HEROKU_API_URL: platform.url,
      HEROKU_DATA_API_URL: platform.dataApiUrl,
      HEROKU_API_TOKEN: token,
    });
    stack.github.createRepo({ owner: 'acme', name: 'api', files: { '.github/deploy.yml': config, ...(await fixtureFiles('good-v1')) } });
    stack.github.setPermission('acme', 'api', 'writer', 'write');
    stack.github.setPermission('acme', 'api', 'reader', 'read');
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await platform?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  const finished = (environment: string, task: string) =>
    stack.github.waitFor(
      () =>
        stack.github
          .deployments('acme', 'api')
          .find(
            (d) =>
              d.environment === environment && d.task === task && ['success', 'failure', 'error'].includes(d.statuses.at(-1)?.state ?? ''),
          ),
      { what: `${task} to ${environment}`, timeoutMs: 120_000 },
    );
  const reply = (issue: number, text: string) =>
    stack.github.waitFor(() => stack.github.comments('acme', 'api', issue).find((c) => c.user === 'runway[bot]' && c.body.includes(text)), {
      what: `a reply containing "${text}"`,
    });
  const appLog = (app: string) => readFile(join(workDir, 'logs', 'apps', `${app}.log`), 'utf8');

  it('refuses bad input before anything starts', async () => {
    const { github } = stack;
    const cases: [string, string, string][] = [
      ['writer', '/promote staging to nowhere', 'There is no environment `nowhere`'],
      ['writer', '/promote nowhere to production', 'There is no environment `nowhere`'],
      ['writer', '/promote staging to scripts', 'the backend providers differ (heroku and command)'],
      ['writer', '/promote canary to production', 'Nothing to promote: Runway has no successful deployment live on **canary**'],
      ['writer', '/promote staging production', 'expected `to <environment>`'],
      ['reader', '/promote staging to production', 'Refused'],
    ];
    for (const [issue, [user, body, answer]] of cases.entries()) {
      await github.comment('acme', 'api', 10 + issue, { user, body });
      await reply(10 + issue, answer);
    }
    expect(github.deployments('acme', 'api')).toEqual([]);
  });

  it('releases the slug live on staging on production, with no build there', async () => {
    const { github } = stack;
    await github.comment('acme', 'api', 1, { user: 'writer', body: '/deploy main to staging' });
    const staged = await finished('staging', 'deploy');
    expect(staged.statuses.at(-1)?.state).toBe('success');
    const stagingSlug = platform.app(stagingApp).currentRelease?.slug?.id;
    expect(stagingSlug).toBeTruthy();

    await github.comment('acme', 'api', 3, { user: 'writer', body: '/promote staging to production --dry-run' });
    const plan = await reply(3, '**Dry run:**');
    expect(plan.body).toMatch(/`backend\.promote`: release the slug of promote-staging-\w+ v\d+ on Heroku app promote-production-/);
    expect(plan.body).not.toContain('backend.build');
    expect(github.deployments('acme', 'api').filter((d) => d.environment === 'production')).toEqual([]);

    await github.comment('acme', 'api', 2, { user: 'writer', body: '/promote staging to production' });
    const promoted = await finished('production', 'deploy:promote');
    expect(promoted.statuses.at(-1)?.state).toBe('success');
    expect(promoted.sha).toBe(staged.sha);

    const production = platform.app(productionApp);
    expect(production.currentRelease?.slug?.id).toBe(stagingSlug);
    expect(production.currentRelease?.description).toMatch(new RegExp(`^Promote ${stagingApp} v\\d+$`));
    // The production app answers from the promoted slug, and its release phase ran the migration.
    const served = (await (await fetch(`${production.webUrl.replace(/\/$/, '')}/`)).json()) as { version: string };
    expect(served.version).toBe('v1');
    const productionLog = await appLog(productionApp);
    expect(productionLog).toMatch(/heroku\[release\.\d+\]: Starting process with command `psql/);
    // No build on production: not in its app log, not in the API, not in the requests Runway made.
    expect(productionLog).not.toContain('Build started');
    expect(await appLog(stagingApp)).toContain('Build started');
    expect(
      platform.requestLog.filter(
        (r) => r.path.startsWith(`/apps/${productionApp}/builds`) || r.path.startsWith(`/apps/${productionApp}/sources`),
      ),
    ).toEqual([]);
    expect(platform.requestLog.some((r) => r.method === 'GET' && r.path === `/apps/${stagingApp}/slugs/${stagingSlug}`)).toBe(true);

    // A slug is read through the app that built it; a release of an unknown slug is a 404.
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${platform.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.heroku+json; version=3', 'content-type': 'application/json' },
      });
    expect((await api(`/apps/${stagingApp}/slugs/${stagingSlug}`)).status).toBe(200);
    expect((await api(`/apps/${productionApp}/slugs/${stagingSlug}`)).status).toBe(404);
    const unknown = await api(`/apps/${productionApp}/releases`, { method: 'POST', body: JSON.stringify({ slug: 'no-such-slug' }) });
    expect(unknown.status).toBe(404);

    const comment = await reply(2, '✅ Deployed');
    expect(comment.body).toContain('`backend.promote`');
    expect(comment.body).not.toContain('backend.build');
  });
});
