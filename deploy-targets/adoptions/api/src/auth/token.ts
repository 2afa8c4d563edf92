import { sign, verify } from 'hono/jwt';

export type TokenClaims = { sub: string; iat: number; exp: number };

export type TokenService = {
  issue(accountId: string): Promise<{ token: string; expiresAt: string }>;
  /** The account id, or undefined when the token is malformed, forged or expired. */
  accountId(token: string): Promise<string | undefined>;
};

export function tokenService(secret: string, ttlSeconds: number, now: () => number = Date.now): TokenService {
  return {
    async issue(accountId) {
      const iat = Math.floor(now() / 1000);
      const exp = iat + ttlSeconds;
      const token = await sign({ sub: accountId, iat, exp } satisfies TokenClaims, secret, 'HS256');
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },
    async accountId(token) {
      try {
        const claims = await verify(token, secret, 'HS256');
        return typeof claims.sub === 'string' ? claims.sub : undefined;
      } catch (error) {
        // hono/jwt throws one error class per reason (expired, bad signature, malformed); all mean 401.
        if (error instanceof Error) return undefined;
        throw error;
      }
    },
  };
}
