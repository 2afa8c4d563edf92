import { decode, sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../src/auth/access-token.ts';
import { createDatabase } from '../src/database.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';
import { addUser, createTestApp, jsonRequest, login, TEST_ORIGIN, TEST_SECRET, type TestApp } from './support/test-app.ts';

let testDb: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  testDb = await createTestDatabase();
  app = createTestApp(testDb.db);
  await addUser(testDb.db, 'ana', 'correct horse battery');
});
afterAll(async () => {
  await testDb?.drop();
});

describe('POST /token', () => {
  it('returns an HS256 bearer token valid for 30 minutes', async () => {
    const response = await app.request('/token', jsonRequest('POST', undefined, { username: 'ana', password: 'correct horse battery' }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; token_type: string };
    expect(body.token_type).toBe('bearer');
    const { header, payload } = decode(body.access_token);
    expect(header.alg).toBe('HS256');
    expect(payload.sub).toBe('ana');
    expect(Number(payload.exp) - Number(payload.iat)).toBe(30 * 60);
  });

  it('stores passwords only as argon2id hashes', async () => {
    const { rows } = await testDb.db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'ana'");
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]?.password_hash).not.toContain('correct horse battery');
  });

  it('answers 401 for a wrong password and for an unknown user alike', async () => {
    for (const credentials of [
      { username: 'ana', password: 'wrong' },
      { username: 'nobody', password: 'correct horse battery' },
    ]) {
      const response = await app.request('/token', jsonRequest('POST', undefined, credentials));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ detail: 'Incorrect username or password' });
    }
  });

  it('answers 400 with field paths for a malformed body', async () => {
    const response = await app.request('/token', jsonRequest('POST', undefined, { username: 'ana' }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ path: string }> };
    expect(body.errors.map((e) => e.path)).toEqual(['password']);

    const notJson = await app.request('/token', { method: 'POST', body: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { detail: string }).detail).toBe('Malformed JSON in request body');
  });
});

describe('bearer authentication', () => {
  const protectedRoutes: Array<[string, string]> = [
    ['GET', '/pedidos'],
    ['GET', '/metrics'],
    ['POST', '/registrar_pedido_entregado'],
  ];

  it('answers 401 without a token', async () => {
    for (const [method, path] of protectedRoutes) {
      const response = await app.request(path, jsonRequest(method, undefined, method === 'POST' ? {} : undefined));
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual({ detail: 'Not authenticated' });
    }
  });

  it('answers 401 for a token signed with another secret, a garbled token and an unsigned one', async () => {
    const forged = await issueAccessToken('another-secret-that-is-at-least-32-characters', 'ana');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'ana', exp: Math.floor(Date.now() / 1000) + 600 }),
    ).toString('base64url')}.`;
    const hs512 = await sign({ sub: 'ana', exp: Math.floor(Date.now() / 1000) + 600 }, TEST_SECRET, 'HS512');
    for (const token of [forged, 'not-a-jwt', unsigned, hs512]) {
      const response = await app.request('/pedidos', jsonRequest('GET', token));
      expect(response.status, token).toBe(401);
      expect(await response.json()).toEqual({ detail: 'Invalid token' });
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    }
  });

  it('answers 401 for an expired token', async () => {
    const expired = await issueAccessToken(TEST_SECRET, 'ana', new Date(Date.now() - 31 * 60_000));
    const response = await app.request('/metrics', jsonRequest('GET', expired));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ detail: 'Token expired' });
  });

  it('lets a fresh token through', async () => {
    const token = await login(app, 'ana', 'correct horse battery');
    const response = await app.request('/pedidos', jsonRequest('GET', token));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ pedidos: [], next_cursor: null });
  });
});

describe('CORS', () => {
  it('allows only the configured origins', async () => {
    const allowed = await app.request('/healthz', { headers: { origin: TEST_ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    const other = await app.request('/healthz', { headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers the preflight of an authenticated request', async () => {
    const response = await app.request('/pedidos', {
      method: 'OPTIONS',
      headers: { origin: TEST_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });
});

describe('GET /healthz', () => {
  it('answers 200 when the database answers', async () => {
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers 503 and logs the reason when the database is unreachable', async () => {
    const unreachable = createDatabase({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DATABASE_SSL: 'disable' });
    const logs: string[] = [];
    try {
      const response = await createTestApp(unreachable, 'America/Lima', logs).request('/healthz');
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
      expect(logs.join('\n')).toMatch(/healthz: database check failed/);
    } finally {
      await unreachable.end();
    }
  });
});
