import type { Sandbox } from './stack.ts';

const owner = 'runway-demo';
const repo = 'shipyard';
const PREVIEW_BUCKET = 'cargo-express-previews';

/** The `previews:` block the preview demo adds to the sandbox's deploy.yml (cargo-express's steps, its own targets). */
export function demoPreviewsConfig(sandbox: Pick<Sandbox, 's3'>): Record<string, unknown> {
  const site = sandbox.s3.websiteUrl(PREVIEW_BUCKET);
  return {
    from: 'cargo-express-production',
    backend: {
      app: '{app}-pr-{number}',
      addons: ['heroku-postgresql:essential-0'],
      config_vars: {
        JWT_SECRET: { from_env: 'CARGO_EXPRESS_PREVIEW_JWT_SECRET' },
        CORS_ORIGIN: new URL(site).origin,
        METRICS_TIME_ZONE: 'America/Bogota',
        CURRENCY: 'COP',
      },
    },
    frontend: { bucket: PREVIEW_BUCKET, prefix: 'pr-{number}/', site_url: `${site}pr-{number}/` },
    max_alive: 3,
    ttl_days: 2,
  };
}

export const DEMO_PREVIEW_BUCKET = PREVIEW_BUCKET;

/**
 * `npm run demo -- --preview`: opens a pull request, waits for its preview (its own Heroku app and
 * database, its frontend under its own prefix), prints both URLs, then closes the pull request and
 * waits until the preview is torn down. Returns whether every part worked.
 */
export async function runPreviewDemo(sandbox: Sandbox, print: (line: string) => void): Promise<boolean> {
  const { github, heroku } = sandbox;
  github.setPermission(owner, repo, 'ana', 'write');
  const sha = github.commit(owner, repo, {
    branch: 'preview-me',
    files: { 'deploy-targets/cargo-express/web/CHANGELOG.md': '- Tried in a preview first\n' },
    author: 'ana',
  });
  const number = github.openPullRequest(owner, repo, { head: 'preview-me', title: 'Try it in a preview', user: 'ana' });
  await github.pullRequestEvent(owner, repo, number, 'opened');
  print(`Opened pull request #${number} (${sha.slice(0, 7)}); Runway builds its preview environment pr-${number}…`);
  const deployment = await github.waitFor(
    () =>
      github
        .deployments(owner, repo)
        .find((d) => d.environment === `pr-${number}` && d.statuses.some((s) => ['success', 'failure', 'error'].includes(s.state))),
    { what: 'the preview deployment', timeoutMs: 15 * 60_000 },
  );
  const final = deployment.statuses.at(-1)!;
  print(`pr-${number}: ${final.state} — ${final.description}`);
  const app = `cargo-express-api-pr-${number}`;
  const backendUrl = heroku.hasApp(app) ? heroku.app(app).webUrl.replace(/\/$/, '') : undefined;
  const siteUrl = `${sandbox.s3.websiteUrl(PREVIEW_BUCKET)}pr-${number}/`;
  const health = backendUrl
    ? await fetch(`${backendUrl}/healthz`).then(
        (r) => r.status,
        () => 0,
      )
    : 0;
  const site = await fetch(siteUrl).then(
    (r) => r.status,
    () => 0,
  );
  print(`  preview backend (its own app and database): ${backendUrl ?? '—'} → GET /healthz ${health}`);
  print(`  preview frontend (its own prefix): ${siteUrl} → GET ${site}`);
  print(`  production app untouched: ${heroku.app('cargo-express-api').releases.length} release(s)`);

  await github.closePullRequest(owner, repo, number);
  print(`Closed #${number}; Runway tears the preview down…`);
  await github.waitFor(() => github.comments(owner, repo, number).find((c) => c.body.includes('torn down')), {
    what: 'the teardown',
    timeoutMs: 5 * 60_000,
  });
  const gone = !heroku.hasApp(app);
  print(
    `  preview app ${gone ? 'deleted (with its database)' : 'still there!'}; comment: ${github.comments(owner, repo, number).at(-1)?.body.split('\n').at(-1) ?? ''}`,
  );
  return final.state === 'success' && health === 200 && site === 200 && gone;
}
