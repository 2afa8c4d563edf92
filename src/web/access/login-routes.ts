import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { createWebSession, deleteWebSession } from '../../store/web-sessions-store.ts';
import { loginPage } from '../pages/login-page.ts';
import type { WebAccessOptions, WebEnv } from './identify-caller.ts';
import { SESSION_TTL_SECONDS, sessionCookie } from './session-cookie.ts';
import { formatSubject } from './session-subject.ts';
import { safeNext } from './safe-next.ts';
import { tokenMatches } from './token-matches.ts';

/** The sign-in routes: open to everyone, since they are how one gets in. */
export const LOGIN_PATHS = ['/login/token', '/logout'] as const;

/**
 * `GET /login/token` shows a form; `POST /login/token` trades the admin token for a session cookie
 * and goes back to the page asked for; `POST /logout` ends the session. The POSTs take form bodies
 * only, and only from Runway's own origin (PUBLIC_URL's, or the request's own): another site's form
 * cannot sign a browser in or out.
 */
export function addLoginRoutes(app: Hono<WebEnv>, options: WebAccessOptions): void {
  const cookie = sessionCookie(options.secureCookies);
  const sameOrigin = csrf({ origin: (origin, c) => origin === options.publicOrigin || origin === new URL(c.req.url).origin });
  const enabled = options.adminToken !== undefined;
  const github = options.githubSignIn !== undefined;

  app.get('/login/token', (c) => c.html(loginPage({ next: safeNext(c.req.query('next')), enabled, github })));

  app.post('/login/token', sameOrigin, async (c) => {
    if (!isForm(c.req.header('content-type'))) return c.text('send the sign-in form (application/x-www-form-urlencoded)\n', 415);
    const form = await c.req.parseBody();
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    if (!enabled) return c.html(loginPage({ next, enabled, github }), 403);
    if (typeof form.token !== 'string' || !tokenMatches(form.token, options.adminToken)) {
      return c.html(loginPage({ next, enabled, github, problem: 'That token is not this Runway’s operator token.' }), 401);
    }
    const id = await createWebSession(options.db, { subject: formatSubject({ kind: 'admin' }), ttlSeconds: SESSION_TTL_SECONDS });
    setCookie(c, cookie.name, id, cookie.options);
    return c.redirect(next, 303);
  });

  app.post('/logout', sameOrigin, async (c) => {
    const id = getCookie(c, cookie.name);
    if (id) await deleteWebSession(options.db, id);
    deleteCookie(c, cookie.name, { path: '/', secure: options.secureCookies });
    return c.redirect('/login/token', 303);
  });
}

function isForm(contentType: string | undefined): boolean {
  return /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType ?? '');
}
