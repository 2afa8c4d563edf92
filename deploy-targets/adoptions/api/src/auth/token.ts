import { sign, verify } from 'hono/jwt';

/** `sid` names the row in `sessions` that signing out ends; the token alone is not enough. */
export type TokenClaims = { sub: string; sid: string; iat: number; exp: number };

export type TokenSubject = { accountId: string; sessionId: string };

export type TokenService = {
  readonly ttlSeconds: number;
  issue(subject: TokenSubject): Promise<{ token: string; expiresAt: string }>;
  /** Who the token speaks for, or undefined when it is malformed, forged or expired. */
  subject(token: string): Promise<TokenSubject | undefined>;
};

export function tokenService(secret: string, ttlSeconds: number, now: () => number = Date.now): TokenService {
  return {
    ttlSeconds,
    async issue({ accountId, sessionId }) {
      const iat = Math.floor(now() / 1000);
      const exp = iat + ttlSeconds;
      const token = await sign({ sub: accountId, sid: sessionId, iat, exp } satisfies TokenClaims, secret, 'HS256');
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },
    async subject(token) {
      try {
        const claims = await verify(token, secret, 'HS256');
        const { sub, sid } = claims;
        return typeof sub === 'string' && typeof sid === 'string' ? { accountId: sub, sessionId: sid } : undefined;
      } catch (error) {
        // hono/jwt throws one error class per reason (expired, bad signature, malformed); all mean 401.
        if (error instanceof Error) return undefined;
        throw error;
      }
    },
  };
}
