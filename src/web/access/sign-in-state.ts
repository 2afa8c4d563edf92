import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';

/** How long a browser has between leaving for GitHub and coming back. */
export const SIGN_IN_STATE_TTL_SECONDS = 600;

export type SignInStateCheck = { ok: true; next: string } | { ok: false; reason: 'no_cookie' | 'tampered' | 'expired' | 'state_mismatch' };

const cookieName = (secure: boolean) => (secure ? '__Host-runway_sign_in' : 'runway_sign_in');

/**
 * Starts a sign-in: a random `state` for GitHub's URL, and the same value (with the return path
 * and an expiry) in a short-lived cookie signed with RUNWAY_SESSION_SECRET. Only the browser that
 * started the sign-in holds the cookie, so a `code` and `state` pasted into another browser (login
 * CSRF) signs nobody in there.
 */
export async function startSignInState(c: Context, input: { next: string; secret: string; secure: boolean }): Promise<string> {
  const state = randomBytes(32).toString('base64url');
  const expires = Math.floor(Date.now() / 1000) + SIGN_IN_STATE_TTL_SECONDS;
  const value = [state, String(expires), Buffer.from(input.next).toString('base64url')].join('.');
  await setSignedCookie(c, cookieName(input.secure), value, input.secret, {
    path: '/',
    httpOnly: true,
    // Lax: the cookie comes back on GitHub's top-level redirect to the callback, not on other sites' POSTs.
    sameSite: 'Lax',
    secure: input.secure,
    maxAge: SIGN_IN_STATE_TTL_SECONDS,
  });
  return state;
}

/** Checks the `state` GitHub sent back against this browser's cookie, and removes the cookie (one use). */
export async function finishSignInState(c: Context, input: { state: string; secret: string; secure: boolean }): Promise<SignInStateCheck> {
  const name = cookieName(input.secure);
  const value = await getSignedCookie(c, input.secret, name);
  deleteCookie(c, name, { path: '/', secure: input.secure });
  if (value === undefined) return { ok: false, reason: 'no_cookie' };
  if (value === false) return { ok: false, reason: 'tampered' };
  const [state = '', expires = '0', next = ''] = value.split('.');
  if (Number(expires) * 1000 < Date.now()) return { ok: false, reason: 'expired' };
  const a = Buffer.from(state);
  const b = Buffer.from(input.state);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'state_mismatch' };
  return { ok: true, next: Buffer.from(next, 'base64url').toString('utf8') };
}
