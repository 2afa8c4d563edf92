import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Queryable } from '../../store/database.ts';
import { findWebSession } from '../../store/web-sessions-store.ts';
import { sessionCookie } from './session-cookie.ts';
import { tokenMatches } from './token-matches.ts';

/** What the pages need to know to decide who may see what. */
export interface WebAccessOptions {
  db: Queryable;
  /** RUNWAY_ADMIN_TOKEN: opens every page read-only; unset means no bearer access at all. */
  adminToken?: string;
  /** RUNWAY_METRICS_TOKEN: opens `/metrics` only. */
  metricsToken?: string;
  /** True when PUBLIC_URL is https: the session cookie is then a `__Host-` cookie. */
  secureCookies: boolean;
  /** The origin of PUBLIC_URL, accepted (besides the request's own) for sign-in forms. */
  publicOrigin?: string;
}

/** Who is asking: an operator (admin token or its session), a metrics scraper, or nobody known. */
export type Caller =
  | { kind: 'admin'; via: 'bearer' | 'session' }
  | { kind: 'metrics' }
  | { kind: 'anonymous'; reason: 'no_credential' | 'wrong_token' | 'no_session' };

/**
 * Reads the request's credential. A bearer header decides alone (a wrong token is not rescued by
 * a cookie); otherwise the session cookie, looked up by its hash in the store.
 */
export async function identifyCaller(c: Context, options: WebAccessOptions): Promise<Caller> {
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const token = /^Bearer +(\S+) *$/i.exec(authorization)?.[1] ?? '';
    if (tokenMatches(token, options.adminToken)) return { kind: 'admin', via: 'bearer' };
    if (tokenMatches(token, options.metricsToken)) return { kind: 'metrics' };
    return { kind: 'anonymous', reason: 'wrong_token' };
  }
  const sessionId = getCookie(c, sessionCookie(options.secureCookies).name);
  if (!sessionId) return { kind: 'anonymous', reason: 'no_credential' };
  return (await findWebSession(options.db, sessionId)) ? { kind: 'admin', via: 'session' } : { kind: 'anonymous', reason: 'no_session' };
}
