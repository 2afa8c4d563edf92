import { FAKE_USER_COOKIE } from '../../sandbox/github/index.ts';

/** The first `name=value` of a response's Set-Cookie headers whose name matches. */
export function cookieFrom(res: Response, name: RegExp): string | undefined {
  return res.headers
    .getSetCookie()
    .find((c) => name.test(c.split('=')[0]!))
    ?.split(';')[0];
}

type Tampered = { callback: URL; cookie: string };

export interface SignInSteps {
  /** Runway's answer to `/login/github` (302 to GitHub, with the sign-in cookie). */
  start: Response;
  /** The fake GitHub's authorize answer (302 back to the callback with `code` and `state`). */
  authorize: Response;
  /** Runway's callback answer (303 to the return path, with the session cookie). */
  callback: Response;
  /** `runway_session=…`, when the sign-in worked. */
  session?: string;
}

/**
 * Signs `login` in to Runway with GitHub the way a browser would, one redirect at a time, so a test
 * can look at (or tamper with) each step: `tamper` may change the callback URL and the sign-in cookie.
 */
export async function signInWithGitHub(
  runwayUrl: string,
  login: string,
  opts: { next?: string; tamper?: (callback: URL, cookie: string) => Tampered | Promise<Tampered> } = {},
): Promise<SignInSteps> {
  const start = await fetch(`${runwayUrl}/login/github${opts.next ? `?next=${encodeURIComponent(opts.next)}` : ''}`, {
    redirect: 'manual',
  });
  const signInCookie = cookieFrom(start, /runway_sign_in$/) ?? '';
  const authorize = await fetch(start.headers.get('location')!, {
    redirect: 'manual',
    headers: { cookie: `${FAKE_USER_COOKIE}=${login}` },
  });
  let callback = new URL(authorize.headers.get('location')!);
  let cookie = signInCookie;
  if (opts.tamper) ({ callback, cookie } = await opts.tamper(callback, cookie));
  const answer = await fetch(`${runwayUrl}${callback.pathname}${callback.search}`, { redirect: 'manual', headers: { cookie } });
  return { start, authorize, callback: answer, session: cookieFrom(answer, /runway_session$/) };
}
