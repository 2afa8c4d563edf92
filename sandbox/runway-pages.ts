import { randomBytes } from 'node:crypto';

/**
 * The operator token every sandbox Runway starts with (`RUNWAY_ADMIN_TOKEN`): new in each process
 * that starts a sandbox, never written to the repository.
 */
export const SANDBOX_ADMIN_TOKEN = randomBytes(32).toString('hex');

/** The `RUNWAY_SESSION_SECRET` of every sandbox Runway, made the same way. */
export const SANDBOX_SESSION_SECRET = randomBytes(32).toString('hex');

/**
 * Reads a Runway page as the operator (Runway's pages are locked). The one place where the demo,
 * the tests and the benchmarks read pages. `page` is a path (`/metrics`) or a URL Runway posted
 * (a `log_url`), whose path is read from `runwayUrl`.
 */
export function fetchRunwayPage(runwayUrl: string, page: string, init: RequestInit = {}): Promise<Response> {
  const { pathname, search } = new URL(page, runwayUrl);
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${SANDBOX_ADMIN_TOKEN}`);
  return fetch(new URL(`${pathname}${search}`, runwayUrl), { ...init, headers });
}
