import { sign, verify } from 'hono/jwt';

export const ACCESS_TOKEN_MINUTES = 30;

/** An HS256 bearer token for `username`, valid for 30 minutes from `now`. */
export function issueAccessToken(secret: string, username: string, now = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return sign({ sub: username, iat: issuedAt, exp: issuedAt + ACCESS_TOKEN_MINUTES * 60 }, secret, 'HS256');
}

export type TokenCheck = { ok: true; username: string } | { ok: false; reason: 'expired' | 'invalid' };

/** Verifies signature (HS256 only), expiry and subject. */
export async function checkAccessToken(secret: string, token: string): Promise<TokenCheck> {
  let payload: Awaited<ReturnType<typeof verify>>;
  try {
    payload = await verify(token, secret, 'HS256');
  } catch (error) {
    // hono/jwt signals every rejected token with an error named for the reason.
    if (error instanceof Error && error.name === 'JwtTokenExpired') return { ok: false, reason: 'expired' };
    if (error instanceof Error && error.name.startsWith('Jwt')) return { ok: false, reason: 'invalid' };
    throw error;
  }
  return typeof payload.sub === 'string' && payload.sub !== ''
    ? { ok: true, username: payload.sub }
    : { ok: false, reason: 'invalid' };
}
