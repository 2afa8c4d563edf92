import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/stack.ts';
import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';
import { createScratchDatabase } from '../../sandbox/scratch-database.ts';
import { endedDeploymentsOf } from '../support/ended-deployments.ts';
import { mergeChange } from '../support/merge-change.ts';

// Issue 15, "Runway ships Runway": this repository's own .github/deploy.yml, Procfile and app
// files deploy Runway to a Heroku app, and the copy running there reports the merged commit.
const root = new URL('../../', import.meta.url).pathname;
const repo = { owner: 'runway-deploy', name: 'runway' };
// What the Heroku build and the server need; tests, benches, fixtures and the product apps stay out of the tarball.
const SERVER_FILES =
  /^(src\/|scripts\/build\.ts$|package(-lock)?\.json$|tsconfig(\.build)?\.json$|Procfile$|app\.json$|app\.yml$|\.github\/deploy\.yml$)/;

function serverFiles(): Record<string, string> {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => SERVER_FILES.test(f) && existsSync(path.join(root, f)));
  return Object.fromEntries(files.map((f) => [f, readFileSync(path.join(root, f), 'utf8')]));
}

/**
 * The Heroku sandbox keeps node_modules by package-lock hash; this checkout's node_modules is what
 * `npm ci` made of the same lock, so it is hard-linked in as that entry instead of installing it again.
 */
function seedNpmCache(): void {
  const hash = createHash('sha256')
    .update(readFileSync(path.join(root, 'package-lock.json')))
    .digest('hex');
  const entry = path.join(root, '.cache/heroku-sandbox', hash);
  if (existsSync(path.join(entry, 'complete'))) return;
  mkdirSync(entry, { recursive: true });
  execFileSync('cp', ['-al', path.join(root, 'node_modules'), path.join(entry, 'node_modules')]);
  mkdirSync(path.join(entry, 'complete'));
}

describe('Runway ships Runway', () => {
  let sandbox: Sandbox;
  let store: { url: string; drop(): Promise<void> };
  const adminToken = randomBytes(24).toString('hex');

  beforeAll(async () => {
    seedNpmCache();
    store = await createScratchDatabase('runway_e2e_self');
    sandbox = await startSandbox({ databaseUrl: store.url });
    const { github } = sandbox;
    // What app.json asks for, pointed at the sandbox's GitHub (the copy shares the App; webhooks go to the first Runway).
    await sandbox.heroku.createApp('runway-deploy', {
      configVars: {
        APP_ID: String(github.appId),
        PRIVATE_KEY: github.privateKey,
        WEBHOOK_SECRET: github.webhookSecret,
        GHE_HOST: github.host,
        GHE_PROTOCOL: 'http',
        RUNWAY_ADMIN_TOKEN: adminToken,
        RUNWAY_REDELIVERY_INTERVAL_SECONDS: '0',
        LOG_LEVEL: 'warn',
      },
    });
    github.createRepo({ ...repo, files: serverFiles() });
  }, 180_000);
  afterAll(async () => {
    await sandbox?.close();
    await store?.drop();
  });

  it(
    'a merged change to the server deploys Runway to Heroku, where /healthz shows the operator the new commit',
    { timeout: 900_000 },
    async () => {
      const { github, heroku } = sandbox;
      const main = readFileSync(path.join(root, 'src/main.ts'), 'utf8');
      const sha = await mergeChange(github, repo, {
        branch: 'ship-runway',
        title: 'A change to the server',
        files: { 'src/main.ts': `${main}// shipped by Runway\n` },
      });
      const [deployment] = await endedDeploymentsOf(github, repo, sha, { timeoutMs: 840_000 });
      expect(deployment?.environment).toBe('runway-production');
      if (deployment?.final.state !== 'success') {
        const log = await fetchRunwayPage(sandbox.runway.url, new URL(deployment!.final.logUrl).pathname, {
          headers: { accept: 'text/plain' },
        });
        expect.fail(`${deployment?.final.state}: ${deployment?.final.description}\n${(await log.text()).slice(-6000)}`);
      }
      const webUrl = heroku.app('runway-deploy').webUrl;
      const operator = await fetch(new URL('/healthz', webUrl), { headers: { authorization: `Bearer ${adminToken}` } });
      expect(await operator.json()).toEqual({ status: 'ok', version: '0.1.0', commit: sha, store: 'postgres' });
      const anonymous = await fetch(new URL('/healthz', webUrl));
      expect(await anonymous.json()).toEqual({ status: 'ok' });
    },
  );
});
