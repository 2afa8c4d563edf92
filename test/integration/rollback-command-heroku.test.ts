import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHerokuPlatform, type HerokuPlatform } from '../../sandbox/heroku/index.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

const token = `hk-${randomBytes(12).toString('hex')}`;
const app = `rollback-${randomBytes(2).toString('hex')}`;

async function fixtureFiles(name: string): Promise<Record<string, string | null>> {
  const dir = join('fixtures/heroku-apps', name);
  const files: Record<string, string | null> = {};
  for (const f of await readdir(dir)) files[`api/${f}`] = await readFile(join(dir, f), 'utf8');
  return files;
}

describe('/rollback of a Heroku backend', () => {
  let platform: HerokuPlatform;
  let stack: RunwayStack;
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'runway-rollback-heroku-'));
    platform = await startHerokuPlatform({ token, workDir });
    await platform.createApp(app);
    stack = await startRunwayStack('postgres', {
      HEROKU_API_URL: platform.url,
      HEROKU_DATA_API_URL: platform.dataApiUrl,
      HEROKU_API_TOKEN: token,
    });
    const config = `environments:\n  production:\n    branch: main\n    backend: { provider: heroku, app: ${app}, path: api }\n`;
    stack.github.createRepo({ owner: 'acme', name: 'api', files: { '.github/deploy.yml': config, ...(await fixtureFiles('good-v1')) } });
    stack.github.setPermission('acme', 'api', 'writer', 'write');
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await platform?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  const served = async () =>
    ((await (await fetch(`${platform.app(app).webUrl.replace(/\/$/, '')}/`)).json()) as { version: string }).version;
  const finished = (sha: string, task = 'deploy') =>
    stack.github.waitFor(
      () =>
        stack.github
          .deployments('acme', 'api')
          .find((d) => d.sha === sha && d.task === task && ['success', 'failure', 'error'].includes(d.statuses.at(-1)?.state ?? '')),
      { what: `${task} of ${sha.slice(0, 7)}`, timeoutMs: 120_000 },
    );

  it('puts the release of the previous deployment back through the Releases API, without a build', async () => {
    const { github } = stack;
    await github.comment('acme', 'api', 1, { user: 'writer', body: '/deploy main to production' });
    const v1 = await finished(github.branchSha('acme', 'api', 'main'));
    expect(v1.statuses.at(-1)?.state).toBe('success');
    expect(await served()).toBe('v1');

    const v1Files = await fixtureFiles('good-v1');
    const v2Files = await fixtureFiles('good-v2');
    const removed = Object.fromEntries(
      Object.keys(v1Files)
        .filter((k) => !(k in v2Files))
        .map((k) => [k, null]),
    );
    github.commit('acme', 'api', { branch: 'main', files: { ...v2Files, ...removed } });
    await github.comment('acme', 'api', 1, { user: 'writer', body: '/deploy main to production' });
    const v2 = await finished(github.branchSha('acme', 'api', 'main'));
    expect(v2.statuses.at(-1)?.state).toBe('success');
    expect(await served()).toBe('v2');

    await github.comment('acme', 'api', 1, { user: 'writer', body: '/rollback production' });
    const rollback = await finished(v1.sha, 'deploy:rollback');
    expect(rollback.statuses.at(-1)?.state).toBe('success');
    expect(await served()).toBe('v1');
    const comment = await github.waitFor(
      () => github.comments('acme', 'api', 1).find((c) => c.user === 'runway[bot]' && c.body.includes('✅ Rolled back')),
      { what: 'the rollback comment' },
    );
    // One step, a release rollback: no source upload and no build.
    expect(comment.body).toMatch(/\| `backend\.rollback` \| ✅ succeeded — rolled back to v\d+ \(as v\d+\) \|/);
    expect(comment.body).not.toContain('backend.build');
  });
});
