import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodedViews } from '../support/decoded-views.ts';
import { herokuDeployYml } from '../support/heroku-deploy-yml.ts';
import { startHerokuProcessStack, type HerokuProcessStack } from '../support/heroku-process-stack.ts';
import { fetchLogPage, herokuFixture, mergeAndAwaitDeployment, type MergedDeployment } from '../support/merge-and-deploy.ts';
import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';

// One deploy that succeeds and one that fails, by an app that prints every secret it can reach
// (build, release phase, seed). Then everything that left Runway is collected and searched.
const owner = 'acme';
const repo = 'vault';
const app = `vault-${randomBytes(3).toString('hex')}`;
const secret = `shop-secret-${randomBytes(16).toString('hex')}`;
/** A config var set on the app by hand, not by Runway: a secret too. */
const handSet = `hand-set-${randomBytes(16).toString('hex')}`;

/**
 * Prints the secrets the app can see, as written and encoded (base64 and base64url at every
 * alignment, hex, URL-encoded, JSON); `seed-fail` ends with them in its last line and exits 1.
 */
const leakJs = `/* global process, console, URL, Buffer */
const what = process.argv[2];
const url = new URL(process.env.DATABASE_URL);
const encoded = (label, value) => {
  for (const pad of ['', 'a', 'ab']) {
    console.log('leak-check ' + what + ': ' + label + ' base64 ' + Buffer.from(pad + value + '\\n').toString('base64'));
    console.log('leak-check ' + what + ': ' + label + ' base64url ' + Buffer.from(pad + value).toString('base64url'));
  }
  console.log('leak-check ' + what + ': ' + label + ' hex ' + Buffer.from(value).toString('hex'));
  console.log('leak-check ' + what + ': ' + label + ' url ' + encodeURIComponent(value) + ' json ' + JSON.stringify({ value }));
};
console.log('leak-check ' + what + ': database password ' + decodeURIComponent(url.password));
console.log('leak-check ' + what + ': database url ' + process.env.DATABASE_URL);
console.log('leak-check ' + what + ': shop secret ' + process.env.SHOP_SECRET);
console.log('leak-check ' + what + ': hand-set ' + process.env.HAND_SET_KEY);
encoded('shop secret', process.env.SHOP_SECRET);
encoded('database password', decodeURIComponent(url.password));
encoded('hand-set', process.env.HAND_SET_KEY);
if (what === 'seed-fail') {
  console.error('leak-check giving up: ' + process.env.SHOP_SECRET + ' ' + decodeURIComponent(url.password));
  process.exit(1);
}
`;

async function leakyApp(): Promise<Record<string, string>> {
  const files = await herokuFixture('good-v1', 'backend');
  const pkg = JSON.parse(files['backend/package.json']!) as { scripts: Record<string, string> };
  pkg.scripts.build = 'node leak.js build';
  return {
    ...files,
    'backend/package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'backend/leak.js': leakJs,
    'backend/Procfile':
      'web: node server.js\nrelease: node leak.js release && psql "$DATABASE_URL" -v ON_ERROR_STOP=1 --single-transaction -f migrate.sql\n',
  };
}

const deployYml = (seed: string) =>
  herokuDeployYml({
    production: {
      app,
      path: 'backend',
      seed,
      healthcheck: '/healthz',
      backup: true,
      configVars: { GREETING: 'hello', SHOP_SECRET: { from_env: 'SHOP_SECRET' } },
    },
  });

let stack: HerokuProcessStack;
const deployments: MergedDeployment[] = [];

beforeAll(async () => {
  stack = await startHerokuProcessStack({ apps: [app], runwayEnv: { SHOP_SECRET: secret }, appConfigVars: { HAND_SET_KEY: handSet } });
  stack.github.createRepo({ owner, name: repo, files: { '.github/deploy.yml': deployYml('node leak.js seed'), 'README.md': '# vault\n' } });
  const { github } = stack;
  deployments.push(
    await mergeAndAwaitDeployment(github, { owner, repo, branch: 'ship', environment: 'production', files: await leakyApp() }),
  );
  deployments.push(
    await mergeAndAwaitDeployment(github, {
      owner,
      repo,
      branch: 'break-seed',
      environment: 'production',
      files: { '.github/deploy.yml': deployYml('node leak.js seed-fail'), 'backend/README.md': 'seed fails on purpose\n' },
    }),
  );
  // The PR comment is edited after the final status: wait until it shows the outcome too.
  for (const { pr, final } of deployments) {
    await github.waitFor(() => github.comments(owner, repo, pr).some((c) => c.body.includes(final.description)), {
      what: `the final comment on #${pr}`,
    });
  }
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

/** Every text that left Runway, by where it went. */
async function collectOutputs(): Promise<Record<string, string>> {
  const { github, runway } = stack;
  const out: Record<string, string> = {};
  for (const d of github.deployments(owner, repo)) {
    out[`deployment ${d.id}`] = JSON.stringify({ description: d.description, payload: d.payload });
    d.statuses.forEach((s, i) => {
      out[`deployment ${d.id} status ${i}`] = JSON.stringify({
        state: s.state,
        description: s.description,
        logUrl: s.logUrl,
        environmentUrl: s.environmentUrl,
      });
    });
    const logUrls = new Set(d.statuses.map((s) => s.logUrl).filter(Boolean));
    for (const logUrl of logUrls) {
      const pathname = new URL(logUrl).pathname;
      out[`log text ${pathname}`] = await fetchLogPage(runway.url, logUrl, 'text/plain');
      out[`log html ${pathname}`] = await fetchLogPage(runway.url, logUrl, 'text/html');
      out[`log json ${pathname}`] = await (await fetchRunwayPage(runway.url, `${pathname}/log.json`)).text();
    }
  }
  for (const { pr } of deployments) {
    for (const c of github.comments(owner, repo, pr)) out[`comment ${c.id} on #${pr}`] = c.body;
  }
  github.calls.forEach((c, i) => {
    out[`GitHub call ${i} ${c.method} ${c.path}`] = JSON.stringify({ path: c.path, query: c.query, body: c.body });
  });
  github.deliveries.forEach((d, i) => {
    out[`webhook answer ${i}`] = d.body;
  });
  out.dashboard = await (await fetchRunwayPage(runway.url, '/', { headers: { accept: 'text/html' } })).text();
  out.metrics = await (await fetchRunwayPage(runway.url, '/metrics')).text();
  out['server log'] = runway.output.join('\n');
  return out;
}

/** Where each secret occurs, in any encoding, as `<secret> in <output>`. */
function findLeaks(outputs: Record<string, string>, secrets: Record<string, string>): string[] {
  const leaks: string[] = [];
  for (const [where, text] of Object.entries(outputs)) {
    const views = decodedViews(text);
    for (const [what, value] of Object.entries(secrets)) if (views.some((view) => view.includes(value))) leaks.push(`${what} in ${where}`);
  }
  return leaks;
}

async function secretsOf(): Promise<Record<string, string>> {
  const { github, heroku, herokuToken } = stack;
  const keyLines = github.privateKey.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'));
  return {
    'the Heroku API token': herokuToken,
    'the from_env config value': secret,
    'a config var set on the app by hand': handSet,
    "the app's database password": databasePasswordOf(heroku.app(app).databaseUrl),
    'the webhook secret': github.webhookSecret,
    ...Object.fromEntries(keyLines.map((line, i) => [`line ${i + 1} of the GitHub App private key`, line])),
  };
}

function databasePasswordOf(databaseUrl: string | undefined): string {
  return decodeURIComponent(new URL(databaseUrl ?? 'postgres://x').password);
}

describe('no secret leaves Runway', () => {
  it('the deploys ran: one success, one failure whose output carried every secret to Runway', () => {
    expect(deployments.map((d) => d.final.state)).toEqual(['success', 'failure']);
    expect(deployments[1]!.final.description).toMatch(
      /seed `node leak\.js seed-fail` exited with status 1: leak-check giving up: \*\*\* \*\*\*/,
    );
  });

  it('no status, comment, GitHub request, log page, log.json or server log line holds a secret', { timeout: 60_000 }, async () => {
    const secrets = await secretsOf();
    const databasePassword = databasePasswordOf(stack.heroku.app(app).databaseUrl);
    // The app's own database role, with the password the platform generated for it (as Heroku Postgres does).
    expect(databasePassword).toMatch(/^[0-9a-f]{32,}$/);
    expect(Object.keys(secrets).filter((k) => k.includes('private key')).length).toBeGreaterThan(10);

    const outputs = await collectOutputs();
    // The search covers what it should: the relayed platform output with the app's attempts to
    // print the secrets (build, release phase, seed), the comments and Runway's own log.
    const logs = Object.entries(outputs)
      .filter(([k]) => k.startsWith('log text '))
      .map(([, v]) => v)
      .join('\n');
    for (const phase of ['build', 'release', 'seed']) expect(logs).toContain(`leak-check ${phase}: database password ***`);
    expect(logs).toContain('leak-check seed: shop secret ***');
    expect(logs).toContain('leak-check seed: hand-set ***');
    // The encoded forms reached Runway too (and were hidden): the decoded search below is not idle.
    expect(logs).toMatch(/leak-check seed: shop secret base64url \S*\*\*\*/);
    expect(logs).toContain('leak-check seed: shop secret hex ***');
    expect(Object.keys(outputs).filter((k) => k.startsWith('comment ')).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(outputs).filter((k) => k.startsWith('log json ')).length).toBe(2);
    expect(stack.runway.output.length).toBeGreaterThan(0);

    expect(findLeaks(outputs, secrets)).toEqual([]);
  });
});
