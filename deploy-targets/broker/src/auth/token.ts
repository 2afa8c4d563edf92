import { sign, verify } from 'hono/jwt';
import { z } from 'zod';
import { role, type Role } from './roles.ts';

const claims = z.object({
  sub: z.string().regex(/^\d+$/),
  role,
  iat: z.number(),
  exp: z.number(),
});

export interface Principal {
  id: number;
  role: Role;
}

export function issueToken(secret: string, principal: Principal, ttlSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return sign({ sub: String(principal.id), role: principal.role, iat: now, exp: now + ttlSeconds }, secret, 'HS256');
}

export type TokenCheck = { ok: true; principal: Principal } | { ok: false; reason: 'expired' | 'invalid' };

/** HS256 only, and `exp` is required: a token without one is invalid, not eternal. */
export async function checkToken(secret: string, token: string): Promise<TokenCheck> {
  let payload: unknown;
  try {
    payload = await verify(token, secret, 'HS256');
  } catch (error) {
    return { ok: false, reason: error instanceof Error && error.name === 'JwtTokenExpired' ? 'expired' : 'invalid' };
  }
  const parsed = claims.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  return { ok: true, principal: { id: Number(parsed.data.sub), role: parsed.data.role } };
}
