import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { GitHubClientFactory } from '../../github/github-client.ts';
import type { Queryable } from '../../store/database.ts';
import { findWebSession } from '../../store/web-sessions-store.ts';
import { sessionCookie } from './session-cookie.ts';
import { parseSubject } from './session-subject.ts';
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
  /** Sign in with GitHub; absent: only the admin token opens the pages. */
  githubSignIn?: GitHubSignInOptions;
}

export interface GitHubSignInOptions {
  clientId: string;
  clientSecret: string;
  sessionSecret: string;
  /** REST base URL (https://api.github.com or <GHE>/api/v3); the web flow's URLs derive from it. */
  githubApiUrl: string;
  /** Installation clients, to ask GitHub who may read which repository. */
  github: GitHubClientFactory;
  /** The role a user needs on a public repository to read its deployments' logs. */
  publicLogRole: 'read' | 'triage' | 'write' | 'maintain' | 'admin';
}

/** Who is asking: an operator (admin token or its session), a GitHub user, a metrics scraper, or nobody known. */
export type Caller =
  | { kind: 'admin'; via: 'bearer' | 'session' }
  | { kind: 'user'; id: number; login: string; sessionId: string }
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
  const session = await findWebSession(options.db, sessionId);
  const subject = session && parseSubject(session.subject);
  if (!subject) return { kind: 'anonymous', reason: 'no_session' };
  return subject.kind === 'admin' ? { kind: 'admin', via: 'session' } : { ...subject, sessionId };
}

/** Hono's context variables for Runway's pages: the caller, identified once per request. */
export type WebEnv = { Variables: { caller: Caller } };
