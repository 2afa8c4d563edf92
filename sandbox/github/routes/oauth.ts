import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { Env, FakeContext } from '../context.ts';

/** The cookie on the fake's own origin that says which test user a browser is signed in to GitHub as. */
export const FAKE_USER_COOKIE = 'fake_github_user';

const CODE_TTL_MS = 10 * 60_000;

/**
 * GitHub's OAuth web flow, on the web root as on github.com and GHES: the authorize page signs in
 * the test user the test chose (the `fake_github_user` cookie, or the `login` field of the form it
 * shows otherwise) and sends the browser back with a one-use `code` and the caller's `state`; the
 * token exchange trades that code for a `ghu_` user token that `GET /api/v3/user` answers.
 * Mistakes answer 200 with `error`, as GitHub does.
 */
export function oauthRoutes(ctx: FakeContext): Hono<Env> {
  const app = new Hono<Env>();
  const { oauth } = ctx;

  app.get('/login/oauth/authorize', (c) => {
    const clientId = c.req.query('client_id') ?? '';
    const redirectUri = c.req.query('redirect_uri') ?? '';
    const state = c.req.query('state') ?? '';
    if (clientId !== oauth.clientId)
      return c.html(
        html`<h1>Not found</h1>
          <p>No application with client id ${clientId}</p>`,
        404,
      );
    if (!/^https?:\/\//.test(redirectUri))
      return c.html(
        html`<h1>Bad redirect_uri</h1>
          <p>${redirectUri}</p>`,
        400,
      );
    const login = c.req.query('login') || getCookie(c, FAKE_USER_COOKIE);
    if (!login) {
      return c.html(
        html`<!doctype html>
          <html lang="en">
            <head>
              <title>Sign in to the fake GitHub</title>
            </head>
            <body>
              <main>
                <h1>Sign in to the fake GitHub</h1>
                <form method="get" action="/login/oauth/authorize">
                  <input type="hidden" name="client_id" value="${clientId}" />
                  <input type="hidden" name="redirect_uri" value="${redirectUri}" />
                  <input type="hidden" name="state" value="${state}" />
                  <label>Username <input name="login" required /></label>
                  <button type="submit">Authorize</button>
                </form>
              </main>
            </body>
          </html>`,
      );
    }
    const code = randomBytes(10).toString('hex');
    oauth.codes.set(code, { login, clientId, redirectUri, expiresAt: Date.now() + CODE_TTL_MS });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    if (state) back.searchParams.set('state', state);
    return c.redirect(back.toString(), 302);
  });

  app.post('/login/oauth/access_token', async (c) => {
    const body = await readParams(c.req.raw);
    const fail = (error: string, description: string) =>
      c.json({ error, error_description: description, error_uri: 'https://docs.github.com/apps/oauth' });
    if (body.client_id !== oauth.clientId || body.client_secret !== oauth.clientSecret)
      return fail('incorrect_client_credentials', 'The client_id and/or client_secret passed are incorrect.');
    const grant = oauth.codes.get(body.code ?? '');
    oauth.codes.delete(body.code ?? '');
    if (!grant || grant.expiresAt < Date.now() || grant.clientId !== body.client_id)
      return fail('bad_verification_code', 'The code passed is incorrect or expired.');
    if (body.redirect_uri && body.redirect_uri !== grant.redirectUri)
      return fail('redirect_uri_mismatch', 'The redirect_uri MUST match the registered callback URL for this application.');
    const token = `ghu_${randomBytes(18).toString('base64url')}`;
    oauth.userTokens.set(token, grant.login);
    return c.json({ access_token: token, token_type: 'bearer', scope: '' });
  });
  return app;
}

/** The exchange takes JSON (Octokit) or a form (curl, other clients). */
async function readParams(req: Request): Promise<Record<string, string | undefined>> {
  const text = await req.text();
  if ((req.headers.get('content-type') ?? '').includes('json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') return parsed as Record<string, string>;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}
