import { randomUUID } from 'node:crypto';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../src/settings.ts';
import { tokenService } from '../src/auth/token.ts';
import { jwtSecret, startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('auth');
});
afterAll(async () => {
  await h?.close();
});

const adminId = async () => (await h.call('GET', '/me', { token: h.adminToken })).body.account.id as string;

describe('bearer tokens', () => {
  it('answers 401 without a token', async () => {
    const res = await h.call('GET', '/animals');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'unauthorized' });
  });

  it('answers 401 for a malformed header or token', async () => {
    expect((await h.call('GET', '/animals', { headers: { authorization: h.adminToken } })).status).toBe(401);
    expect((await h.call('GET', '/animals', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } })).status).toBe(401);
    expect((await h.call('GET', '/animals', { token: 'not.a.jwt' })).status).toBe(401);
  });

  it('answers 401 for a token signed with another secret', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = await sign({ sub: await adminId(), iat: now, exp: now + 600 }, 'another-secret-another-secret-0000', 'HS256');
    expect((await h.call('GET', '/animals', { token: forged })).status).toBe(401);
  });

  it('answers 401 for an expired token signed with the right secret', async () => {
    const issuedLongAgo = tokenService(jwtSecret, 60, () => Date.now() - 3600_000);
    const { token } = await issuedLongAgo.issue({ accountId: await adminId(), sessionId: randomUUID() });
    const res = await h.call('GET', '/animals', { token });
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('invalid or expired token');
  });

  it('refuses an unsigned (alg none) token', async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const token = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: await adminId(), iat: now, exp: now + 600 })}.x`;
    expect((await h.call('GET', '/animals', { token })).status).toBe(401);
  });

  it('accepts a valid token and answers 401 once the account is no longer accepted', async () => {
    const member = await h.member('staff');
    expect((await h.call('GET', '/animals', { token: member.token })).status).toBe(200);
    await h.database.db.query(`UPDATE accounts SET status = 'rejected', role = NULL WHERE id = $1`, [member.id]);
    expect((await h.call('GET', '/animals', { token: member.token })).status).toBe(401);
  });
});

describe('settings', () => {
  const env = { DATABASE_URL: 'postgres://x@127.0.0.1/x', STORAGE_BUCKET: 'uploads', JWT_SECRET: 'x'.repeat(32) };

  it('refuses to start without JWT_SECRET', () => {
    const { JWT_SECRET: _omit, ...rest } = env;
    expect(() => readSettings(rest)).toThrow(SettingsError);
    expect(() => readSettings(rest)).toThrow(/JWT_SECRET is required/);
    expect(() => readSettings({ ...env, JWT_SECRET: 'short' })).toThrow(/at least 32/);
  });

  it('splits CORS_ORIGIN on commas', () => {
    const s = readSettings({ ...env, CORS_ORIGIN: 'https://a.example, https://b.example,' });
    expect(s.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(readSettings(env).corsOrigins).toEqual([]);
  });
});
