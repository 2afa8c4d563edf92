import { generateSignedCookie } from 'hono/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_SESSION_SECRET } from '../../sandbox/runway-pages.ts';
import { deployThroughApi } from '../support/api-deployment.ts';
import { signInWithGitHub } from '../support/github-browser.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

const OWNER = 'acme';
const PRIVATE_LOG = 'private build output';
const PUBLIC_LOG = 'public build output';
const config = (line: string) => `environments:
  production:
    branch: main
    backend: { provider: command, run: echo "${line}" }
`;

describe('sign in with GitHub (postgres store)', () => {
  let stack: RunwayStack;
  let privateId: number;
  let publicId: number;
  beforeAll(async () => {
    stack = await startRunwayStack('postgres');
    const secret = stack.github.createRepo({
      owner: OWNER,
      name: 'vault',
      private: true,
      files: { '.github/deploy.yml': config(PRIVATE_LOG) },
    });
    const open = stack.github.createRepo({ owner: OWNER, name: 'site', files: { '.github/deploy.yml': config(PUBLIC_LOG) } });
    stack.github.setPermission(OWNER, 'vault', 'alice', 'read');
    stack.github.setPermission(OWNER, 'site', 'tess', 'triage');
    privateId = (await deployThroughApi(stack.github, secret, { environment: 'production' })).runwayId;
    publicId = (await deployThroughApi(stack.github, open, { environment: 'production' })).runwayId;
  });
  afterAll(() => stack?.close());

  const get = (path: string, cookie: string, accept = 'text/html') =>
    fetch(`${stack.runway.url}${path}`, { headers: { cookie, accept }, redirect: 'manual' });

  it('signs a user in through GitHub and lands on the page asked for; the GitHub token goes nowhere', async () => {
    const steps = await signInWithGitHub(stack.runway.url, 'alice', { next: `/deployments/${privateId}` });
    expect(steps.start.status).toBe(302);
    const authorize = new URL(steps.start.headers.get('location')!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${stack.github.url}/login/oauth/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe(stack.github.clientId);
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(steps.start.headers.get('set-cookie')).toMatch(/^runway_sign_in=.+; Max-Age=600; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(steps.callback.status).toBe(303);
    expect(steps.callback.headers.get('location')).toBe(`/deployments/${privateId}`);
    expect(steps.session).toMatch(/^runway_session=[\w-]{43}$/);

    const page = await get(`/deployments/${privateId}`, steps.session!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(PRIVATE_LOG);

    // The user token the fake issued appears in no cookie, header or row of Runway's.
    const exchange = stack.github.calls.filter((c) => c.path === '/user');
    expect(exchange).toHaveLength(1);
    const userTokens = stack.github.calls.filter((c) => c.path === '/login/oauth/access_token').length;
    expect(userTokens).toBe(1);
    const rows = await stack.runway.db.query<{ subject: string }>('SELECT subject FROM web_sessions');
    expect(rows.map((r) => r.subject)).toEqual([expect.stringMatching(/^github:\d+:alice$/)]);
    expect(JSON.stringify(rows)).not.toMatch(/ghu_/);
    expect(steps.callback.headers.getSetCookie().join('\n')).not.toMatch(/ghu_/);
  });

  it('shows each user only the repositories they can read; anything else is the 404 of an unknown id', async () => {
    const alice = (await signInWithGitHub(stack.runway.url, 'alice')).session!;
    const bob = (await signInWithGitHub(stack.runway.url, 'bob')).session!;
    const tess = (await signInWithGitHub(stack.runway.url, 'tess')).session!;

    const aliceHome = await (await get('/', alice)).text();
    expect(aliceHome).toContain(`${OWNER}/vault`);
    expect(aliceHome).toContain(`${OWNER}/site`);
    const bobHome = await (await get('/', bob)).text();
    expect(bobHome).not.toContain('vault');
    expect(bobHome).toContain(`${OWNER}/site`);

    const hidden = await get(`/deployments/${privateId}`, bob);
    const unknown = await get('/deployments/999999', bob);
    expect(hidden.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect((await hidden.text()).replace(String(privateId), 'N')).toBe((await unknown.text()).replace('999999', 'N'));
    expect((await get(`/deployments/${privateId}/log.json`, bob, 'application/json')).status).toBe(404);

    // A public repository: everyone reads the deployment; the log needs triage (the default role).
    const bobPublic = await get(`/deployments/${publicId}`, bob);
    expect(bobPublic.status).toBe(200);
    const bobPublicText = await bobPublic.text();
    expect(bobPublicText).not.toContain(PUBLIC_LOG);
    expect(bobPublicText).toContain('The log needs triage access or more');
    expect((await get(`/deployments/${publicId}/log.json`, bob, 'application/json')).status).toBe(404);
    const tessLog = await get(`/deployments/${publicId}/log.json`, tess, 'application/json');
    expect(tessLog.status).toBe(200);
    expect(JSON.stringify(await tessLog.json())).toContain(PUBLIC_LOG);

    // /metrics counts every repository: it is the operator's and the scraper's, not a user's.
    expect((await get('/metrics', alice, 'text/plain')).status).toBe(404);
  });

  it('sends a signed-out browser through GitHub and back to the log_url it opened', async () => {
    const locked = await fetch(`${stack.runway.url}/deployments/${privateId}`, { headers: { accept: 'text/html' } });
    expect(locked.status).toBe(401);
    const href = /href="(\/login\/github\?next=[^"]+)"/.exec(await locked.text())?.[1];
    expect(href).toBe(`/login/github?next=${encodeURIComponent(`/deployments/${privateId}`)}`);
    const steps = await signInWithGitHub(stack.runway.url, 'alice', { next: `/deployments/${privateId}` });
    expect(steps.callback.headers.get('location')).toBe(`/deployments/${privateId}`);
  });

  it('refuses a wrong state, a sign-in started in another browser, a tampered or expired cookie, a reused code', async () => {
    const refused = async (steps: Awaited<ReturnType<typeof signInWithGitHub>>, why: RegExp) => {
      expect(steps.callback.status).toBe(400);
      expect(steps.session).toBeUndefined();
      expect(await steps.callback.text()).toMatch(why);
    };
    await refused(
      await signInWithGitHub(stack.runway.url, 'alice', {
        tamper: (callback, cookie) => {
          callback.searchParams.set('state', 'x'.repeat(43));
          return { callback, cookie };
        },
      }),
      /different sign-in than this browser started/,
    );
    await refused(
      await signInWithGitHub(stack.runway.url, 'alice', { tamper: (callback) => ({ callback, cookie: '' }) }),
      /did not start in this browser/,
    );
    await refused(
      await signInWithGitHub(stack.runway.url, 'alice', {
        tamper: (callback, cookie) => ({ callback, cookie: cookie.replace(/=(.)/, (_, c: string) => `=${c === 'A' ? 'B' : 'A'}`) }),
      }),
      /altered/,
    );
    await refused(
      await signInWithGitHub(stack.runway.url, 'alice', {
        // The cookie Runway would have set, signed with its secret, but its ten minutes are over.
        tamper: async (callback) => {
          const past = Math.floor(Date.now() / 1000) - 1;
          const value = [callback.searchParams.get('state'), String(past), Buffer.from('/').toString('base64url')].join('.');
          return { callback, cookie: (await generateSignedCookie('runway_sign_in', value, SANDBOX_SESSION_SECRET)).split(';')[0]! };
        },
      }),
      /longer than 10 minutes/,
    );

    let reused: URL | undefined;
    const first = await signInWithGitHub(stack.runway.url, 'alice', {
      tamper: (callback, cookie) => {
        reused = new URL(callback);
        return { callback, cookie };
      },
    });
    expect(first.session).toBeDefined();
    const again = await signInWithGitHub(stack.runway.url, 'alice', {
      tamper: (callback, cookie) => {
        const url = new URL(callback);
        url.searchParams.set('code', reused!.searchParams.get('code')!);
        return { callback: url, cookie };
      },
    });
    await refused(again, /GitHub did not accept this sign-in code/);
  });

  it('sends an off-site return path home', async () => {
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)']) {
      const steps = await signInWithGitHub(stack.runway.url, 'alice', { next });
      expect(steps.callback.headers.get('location'), next).toBe('/');
    }
  });
});
