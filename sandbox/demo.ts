import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { followDeployments } from './follow-deployments.ts';
import { readTree } from './read-tree.ts';
import { SANDBOX_ADMIN_TOKEN } from './runway-pages.ts';
import { sandboxDeployConfig } from './sandbox-config.ts';
import { startSandbox } from './stack.ts';
import { DEMO_PREVIEW_BUCKET, demoPreviewsConfig, runPreviewDemo } from './demo-preview.ts';
import { parseDocument } from 'yaml';

function withPreviews(config: string, previews: Record<string, unknown>): string {
  const doc = parseDocument(config);
  doc.set('previews', doc.createNode(previews));
  return doc.toString();
}

/**
 * `npm run demo`: Runway end to end on this machine. A fake GitHub, a Heroku-compatible platform
 * and an S3 server stand in for the real ones; a pull request that changes the cargo-express app
 * (and the docs) is merged, and Runway deploys the backend to the platform (migrations in the
 * release phase, seed, health check), then the frontend, built with the backend's URL, to S3.
 */
const { values } = parseArgs({
  options: { serve: { type: 'boolean', default: false }, port: { type: 'string' }, preview: { type: 'boolean', default: false } },
});
const print = (line: string) => process.stdout.write(`${line}\n`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

print('Runway demo: starting the sandbox (fake GitHub, Heroku-compatible platform, S3 server) and Runway…');
const sandbox = await startSandbox({
  buckets: ['cargo-express-web', ...(values.preview ? [DEMO_PREVIEW_BUCKET] : [])],
  herokuApps: [{ name: 'cargo-express-api' }],
  runwayEnv: {
    CARGO_EXPRESS_JWT_SECRET: randomBytes(32).toString('hex'),
    CARGO_EXPRESS_PREVIEW_JWT_SECRET: randomBytes(32).toString('hex'),
  },
  runwayPort: values.port ? Number(values.port) : values.serve ? 3000 : 0,
});
let exitCode = 1;
try {
  const { github, s3, runway } = sandbox;
  const siteUrl = s3.websiteUrl('cargo-express-web');
  const config = sandboxDeployConfig({
    environments: ['cargo-express-production'],
    siteUrls: { 'cargo-express-production': siteUrl },
    extraEnvironments: {
      // The command provider: anything scriptable, here a docs "publish" that runs only when docs/ changed.
      'docs-production': {
        branch: 'main',
        paths: ['docs/**'],
        backend: { provider: 'command', run: 'echo "publishing $(ls docs | wc -l) docs pages for $RUNWAY_SHA"' },
      },
    },
  });
  const files = {
    '.github/deploy.yml': values.preview ? withPreviews(config, demoPreviewsConfig(sandbox)) : config,
    ...(await readTree(new URL('../deploy-targets/cargo-express', import.meta.url).pathname, 'deploy-targets/cargo-express')),
    'docs/index.md': '# Shipyard docs\n',
  };
  github.createRepo({ owner: 'runway-demo', name: 'shipyard', files });
  print(`Runway is at ${runway.url} (dashboard: ${runway.url}/)`);
  if (values.preview) {
    // `--preview`: a pull request's preview environment, from opening to teardown (docs/previews.md).
    const ok = await runPreviewDemo(sandbox, print);
    print(ok ? `Preview demo succeeded in ${elapsed()}.` : `Preview demo failed after ${elapsed()}.`);
    exitCode = ok ? 0 : 1;
  } else {
    github.commit('runway-demo', 'shipyard', {
      branch: 'faster-metrics',
      files: {
        'deploy-targets/cargo-express/web/CHANGELOG.md': '- Dashboard refreshes on its own\n',
        'docs/metrics.md': "# Metrics\nTop products, average order value and the day's sales.\n",
      },
    });
    const pr = github.openPullRequest('runway-demo', 'shipyard', { head: 'faster-metrics', title: 'Faster metrics', user: 'ana' });
    const { mergeSha } = await github.mergePullRequest('runway-demo', 'shipyard', pr, { mergedBy: 'lead' });
    print(`Merged pull request #${pr} (${mergeSha.slice(0, 7)}) into main; Runway takes it from here:`);

    const results = await followDeployments({
      github,
      owner: 'runway-demo',
      repo: 'shipyard',
      runwayUrl: runway.url,
      expected: 2,
      timeoutMs: 15 * 60_000,
      print,
    });
    print('');
    for (const r of results) {
      print(`${r.environment}: ${r.state} — ${r.description}`);
      print(`  log: ${r.logUrl}`);
      if (r.environmentUrl) print(`  site: ${r.environmentUrl}`);
    }
    const app = sandbox.heroku.app('cargo-express-api');
    const backendUrl = app.webUrl.replace(/\/$/, '');
    const health = await fetch(`${backendUrl}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    const site = await fetch(siteUrl).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      () => ({ status: 0, body: '' }),
    );
    print(`backend (Heroku sandbox, release v${app.currentRelease?.version ?? '?'}): ${backendUrl} → GET /healthz ${health}`);
    print(
      `frontend (S3 website): ${siteUrl} → GET / ${site.status}${site.body.includes(backendUrl) || site.body.includes('<script') ? '' : ' (unexpected body)'}`,
    );
    const ok = results.every((r) => r.state === 'success') && health === 200 && site.status === 200;
    print(ok ? `Demo succeeded in ${elapsed()}.` : `Demo failed after ${elapsed()}: see the log URLs above.`);
    exitCode = ok ? 0 : 1;
    if (values.serve) {
      print('Serving until Ctrl-C: open the dashboard, the log pages and the site in a browser (demo user: demo / demo-password).');
      print(
        `Runway's pages are locked: sign in at ${sandbox.runway.url.replace('127.0.0.1', 'localhost')}/login/token with the operator token`,
      );
      print(`  ${SANDBOX_ADMIN_TOKEN}`);
      print(`  (scripts: curl -H "Authorization: Bearer $TOKEN" ${sandbox.runway.url}/metrics)`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
    }
  }
} catch (error) {
  print(`Demo failed after ${elapsed()}: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await sandbox.close();
}
process.exit(exitCode);
