import type { CookieOptions } from 'hono/utils/cookie';

/** How long a browser session lasts; an operator signs in again after a working day. */
export const SESSION_TTL_SECONDS = 12 * 3600;

/**
 * The session cookie. Over https it is a `__Host-` cookie (Secure, Path=/, no Domain: no sibling
 * host can set or read it); over plain http (a laptop, the sandbox) browsers refuse Secure cookies,
 * so it has a plain name. Always HttpOnly (no script reads it) and SameSite=Lax (other sites'
 * forms cannot send it along with a POST).
 */
export function sessionCookie(secure: boolean): { name: string; options: CookieOptions } {
  return {
    name: secure ? '__Host-runway_session' : 'runway_session',
    options: { path: '/', httpOnly: true, sameSite: 'Lax', secure, maxAge: SESSION_TTL_SECONDS },
  };
}
