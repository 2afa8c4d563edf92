import { exchangeWebFlowCode, getWebFlowAuthorizationUrl } from '@octokit/oauth-methods';
import { request } from '@octokit/request';
import type { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import { httpStatus } from '../../github/github-client.ts';
import { createWebSession } from '../../store/web-sessions-store.ts';
import { signInProblemPage } from '../pages/login-page.ts';
import type { GitHubSignInOptions, WebAccessOptions, WebEnv } from './identify-caller.ts';
import { safeNext } from './safe-next.ts';
import { SESSION_TTL_SECONDS, sessionCookie } from './session-cookie.ts';
import { formatSubject } from './session-subject.ts';
import { finishSignInState, startSignInState } from './sign-in-state.ts';

export const GITHUB_SIGN_IN_PATHS = ['/login/github', '/login/github/callback'] as const;

const githubUser = z.object({ id: z.number().int().positive(), login: z.string().regex(/^[A-Za-z0-9-]{1,39}$/) });

const refusals = {
  no_cookie: 'This sign-in did not start in this browser, or its cookie was blocked.',
  tampered: 'This sign-in’s cookie was altered.',
  expired: 'This sign-in took longer than 10 minutes.',
  state_mismatch: 'GitHub sent back a different sign-in than this browser started.',
} as const;

/**
 * Sign in with GitHub through the App's own OAuth client (the web application flow):
 * `/login/github` sends the browser to GitHub with a `state` tied to it, `/login/github/callback`
 * checks that state, trades the code for a user token, asks `GET /user` who it is and starts a
 * session for that user. The user token is used for that one question and then dropped: it is
 * never stored and never reaches a cookie, so a leaked store or cookie holds no GitHub credential.
 */
export function addGitHubSignInRoutes(app: Hono<WebEnv>, options: WebAccessOptions): void {
  const signIn = options.githubSignIn;
  if (!signIn) {
    for (const path of GITHUB_SIGN_IN_PATHS) app.get(path, (c) => c.text('Sign in with GitHub is off on this Runway\n', 404));
    return;
  }
  const github = request.defaults({ baseUrl: signIn.githubApiUrl });
  const secure = options.secureCookies;
  const callbackUrl = (requestUrl: string) => `${options.publicOrigin ?? new URL(requestUrl).origin}/login/github/callback`;

  app.get('/login/github', async (c) => {
    const state = await startSignInState(c, { next: safeNext(c.req.query('next')), secret: signIn.sessionSecret, secure });
    const { url } = getWebFlowAuthorizationUrl({
      clientType: 'github-app',
      clientId: signIn.clientId,
      redirectUrl: callbackUrl(c.req.url),
      state,
      request: github,
    });
    c.header('Cache-Control', 'no-store');
    return c.redirect(url, 302);
  });

  app.get('/login/github/callback', async (c) => {
    c.header('Cache-Control', 'no-store');
    const checked = await finishSignInState(c, { state: c.req.query('state') ?? '', secret: signIn.sessionSecret, secure });
    if (!checked.ok) return c.html(signInProblemPage(refusals[checked.reason]), 400);
    const code = c.req.query('code');
    if (!code) return c.html(signInProblemPage(`GitHub did not sign you in (${c.req.query('error') ?? 'no code'}).`), 400);
    const who = await whoSignedIn(github, signIn, { code, redirectUrl: callbackUrl(c.req.url) });
    if (!who.ok) return c.html(signInProblemPage(who.reason), who.status);
    const id = await createWebSession(options.db, {
      subject: formatSubject({ kind: 'user', ...who.user }),
      ttlSeconds: SESSION_TTL_SECONDS,
    });
    const cookie = sessionCookie(secure);
    setCookie(c, cookie.name, id, cookie.options);
    return c.redirect(checked.next, 303);
  });
}

type WhoSignedIn = { ok: true; user: z.infer<typeof githubUser> } | { ok: false; status: 400 | 502; reason: string };

async function whoSignedIn(
  github: typeof request,
  signIn: GitHubSignInOptions,
  input: { code: string; redirectUrl: string },
): Promise<WhoSignedIn> {
  let token: string;
  try {
    const exchanged = await exchangeWebFlowCode({
      clientType: 'github-app',
      clientId: signIn.clientId,
      clientSecret: signIn.clientSecret,
      code: input.code,
      redirectUrl: input.redirectUrl,
      request: github,
    });
    token = exchanged.authentication.token;
  } catch (error) {
    // 400 is GitHub refusing the code (used, expired, for another client); anything else is GitHub unreachable.
    if (httpStatus(error) === 400) return { ok: false, status: 400, reason: 'GitHub did not accept this sign-in code; sign in again.' };
    return { ok: false, status: 502, reason: 'Runway could not reach GitHub to finish the sign-in; try again.' };
  }
  const res = await github('GET /user', { headers: { authorization: `token ${token}` } });
  const user = githubUser.safeParse(res.data);
  if (!user.success) return { ok: false, status: 502, reason: 'GitHub answered GET /user with something Runway does not understand.' };
  return { ok: true, user: { id: user.data.id, login: user.data.login } };
}
