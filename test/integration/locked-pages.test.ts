import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRunwayPage, SANDBOX_ADMIN_TOKEN } from '../../sandbox/runway-pages.ts';
import { createWebApp } from '../../src/web/web-app.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { deployThroughApi } from '../support/api-deployment.ts';
import { engines, storeFor } from '../support/engines.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

const O = 'private-org';
const R = 'secret-project';
const LOG_LINE = 'build output only operators may read';
const METRICS_TOKEN = 'metrics-'.padEnd(40, 'm');
const config = `environments:
  production:
    branch: main
    backend: { provider: command, run: echo "${LOG_LINE}" }
`;

describe.each(engines)('pages are locked by default, on the %s store', (engine) => {
  let stack: RunwayStack;
  let sha: string;
  let deploymentId: number;
  beforeAll(async () => {
    stack = await startRunwayStack(engine, { RUNWAY_METRICS_TOKEN: METRICS_TOKEN });
    const repo = stack.github.createRepo({ owner: O, name: R, files: { '.github/deploy.yml': config } });
    ({ sha, runwayId: deploymentId } = await deployThroughApi(stack.github, repo, { environment: 'production' }));
  });
  afterAll(() => stack?.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${stack.runway.url}${path}`, { headers, redirect: 'manual' });
  const leaks = (body: string) => [O, R, sha, sha.slice(0, 7), LOG_LINE].filter((secret) => body.includes(secret));

  /** Every route Runway's web app registers (the app Runway serves is built by the same function). */
  function registeredRoutes(): { method: string; path: string }[] {
    const app = createWebApp({ db: stack.runway.db, runningJobs: () => 0, build: { version: 'test' }, access: { secureCookies: false } });
    const seen = new Map<string, { method: string; path: string }>();
    for (const r of app.routes) {
      const path = r.path.replace(/:id(\{[^}]*\})?/g, String(deploymentId)).replace(/\*/g, 'anything');
      for (const method of r.method === 'ALL' ? ['GET', 'POST'] : [r.method]) seen.set(`${method} ${path}`, { method, path });
    }
    return [...seen.values()];
  }

  it('answers anonymous requests to every registered route with 401 or 404, and no repository, commit or log line', async () => {
    const routes = registeredRoutes();
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /', `GET /deployments/${deploymentId}`, `GET /deployments/${deploymentId}/log.json`, 'GET /metrics']),
    );
    const open = new Set(['GET /healthz', 'GET /login/token']);
    const signInPosts = new Set(['POST /login/token', 'POST /logout']);
    for (const { method, path } of [...routes, { method: 'GET', path: '/no-such-page' }]) {
      for (const accept of ['text/html', 'text/plain', 'application/json']) {
        const res = await fetch(`${stack.runway.url}${path}`, { method, headers: { accept }, redirect: 'manual' });
        const body = await res.text();
        const what = `${method} ${path} (${accept}) → ${res.status}`;
        expect(leaks(body), what).toEqual([]);
        const headers: string[] = [];
        res.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
        expect(leaks(headers.join('\n')), what).toEqual([]);
        if (open.has(`${method} ${path}`)) expect(res.status, what).toBe(200);
        // Sign in with GitHub: the start goes to GitHub, a callback without this browser's sign-in is refused.
        else if (`${method} ${path}` === 'GET /login/github') expect(res.status, what).toBe(302);
        else if (`${method} ${path}` === 'GET /login/github/callback') expect(res.status, what).toBe(400);
        // Sign-in forms posted without Runway's origin are refused (403) before anything else.
        else if (signInPosts.has(`${method} ${path}`)) expect([401, 403, 404, 415], what).toContain(res.status);
        else expect([401, 404], what).toContain(res.status);
      }
    }
  });

  it('/healthz tells anyone only whether Runway is healthy; the operator also sees version, commit and store', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    const operator = (await (await fetchRunwayPage(stack.runway.url, '/healthz')).json()) as Record<string, unknown>;
    expect(operator).toMatchObject({ status: 'ok', version: '0.1.0', store: engine });
    expect(operator).toHaveProperty('commit');
  });

  it('opens every page read-only to the admin bearer token, and to nothing else', async () => {
    const dashboard = await fetchRunwayPage(stack.runway.url, '/', { headers: { accept: 'text/html' } });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain(`${O}/${R}`);
    const log = await fetchRunwayPage(stack.runway.url, `/deployments/${deploymentId}/log.json`);
    expect(JSON.stringify(await log.json())).toContain(LOG_LINE);
    expect((await fetchRunwayPage(stack.runway.url, '/', { method: 'POST' })).status).toBe(405);
    expect((await get('/', { authorization: `Bearer ${SANDBOX_ADMIN_TOKEN}x` })).status).toBe(401);
    expect((await get('/', { authorization: `Basic ${Buffer.from(`:${SANDBOX_ADMIN_TOKEN}`).toString('base64')}` })).status).toBe(401);
    expect((await get(`/?token=${SANDBOX_ADMIN_TOKEN}`)).status).toBe(401);
  });

  it('/metrics needs the metrics or the admin token; the metrics token opens nothing else', async () => {
    expect((await get('/metrics')).status).toBe(401);
    const scraped = await get('/metrics', { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^runway_deployments\{state="success"\} \d+$/m);
    expect((await fetchRunwayPage(stack.runway.url, '/metrics')).status).toBe(200);
    expect((await get('/', { authorization: `Bearer ${METRICS_TOKEN}` })).status).toBe(401);
    expect((await get(`/deployments/${deploymentId}`, { authorization: `Bearer ${METRICS_TOKEN}` })).status).toBe(401);
  });

  /** Posts the sign-in form as a browser on Runway's own page would. */
  const signIn = (token: string, extra: Record<string, string> = {}) =>
    fetch(`${stack.runway.url}/login/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.runway.url, ...extra },
      body: new URLSearchParams({ token, next: `/deployments/${deploymentId}` }),
      redirect: 'manual',
    });
  const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? '';

  it('trades the token for a session cookie in the sign-in form, which opens the log_url Runway posted', async () => {
    const form = await get('/login/token', { accept: 'text/html' });
    expect(await form.text()).toMatch(/<form method="post" action="\/login\/token">/);
    const res = await signIn(SANDBOX_ADMIN_TOKEN);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/deployments/${deploymentId}`);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^runway_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toContain(SANDBOX_ADMIN_TOKEN);
    const page = await get(`/deployments/${deploymentId}`, { cookie: cookieOf(res), accept: 'text/plain' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(LOG_LINE);
    // The store keeps a hash, never the cookie's value.
    const rows = await stack.runway.db.query<{ id_hash: string }>('SELECT id_hash FROM web_sessions');
    expect(rows.map((r) => r.id_hash)).not.toContain(cookieOf(res).split('=')[1]);
  });

  it('refuses a wrong token, another origin, a forged, expired or signed-out cookie', async () => {
    const wrong = await signIn('not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const crossSite = await signIn(SANDBOX_ADMIN_TOKEN, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();
    const noOrigin = await fetch(`${stack.runway.url}/login/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: SANDBOX_ADMIN_TOKEN }),
      redirect: 'manual',
    });
    expect(noOrigin.status).toBe(403);

    const page = `/deployments/${deploymentId}`;
    expect((await get(page, { cookie: `runway_session=${'A'.repeat(43)}` })).status).toBe(401);

    const expiring = cookieOf(await signIn(SANDBOX_ADMIN_TOKEN));
    expect((await get(page, { cookie: expiring })).status).toBe(200);
    await stack.runway.db.query(`UPDATE web_sessions SET expires_at = now() - interval '1 second'`);
    expect((await get(page, { cookie: expiring })).status).toBe(401);

    const session = cookieOf(await signIn(SANDBOX_ADMIN_TOKEN));
    expect((await get(page, { cookie: session })).status).toBe(200);
    const out = await fetch(`${stack.runway.url}/logout`, {
      method: 'POST',
      headers: { cookie: session, origin: stack.runway.url },
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect((await get(page, { cookie: session })).status).toBe(401);
  });
});

describe('the session cookie behind https', () => {
  it('is a __Host- cookie, Secure, HttpOnly, SameSite=Lax', async () => {
    const token = 'admin-'.padEnd(40, 'a');
    const store = await storeFor('postgres');
    const db = await openDatabase({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
    try {
      const app = createWebApp({
        db,
        runningJobs: () => 0,
        build: { version: 'test' },
        access: { adminToken: token, secureCookies: true, publicOrigin: 'https://runway.example.com' },
      });
      const res = await app.request('https://runway.example.com/login/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://runway.example.com' },
        body: new URLSearchParams({ token }),
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).toMatch(
        /^__Host-runway_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
      );
    } finally {
      await db.close();
      await store.cleanup();
    }
  });
});
