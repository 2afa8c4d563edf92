import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/app.ts';
import { hashPassword } from '../../src/auth/password.ts';
import type { Role } from '../../src/auth/roles.ts';
import type { AppDeps } from '../../src/http/env.ts';
import { createUser } from '../../src/store/users.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';
/** The password of every user that `login` creates. */
export const TEST_PASSWORD = 'a-password-for-tests';

export interface Broker {
  url: string;
  db: TestDatabase;
  /** fetch against the broker, JSON in and out. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of many shapes; tests assert on them directly
  call(method: string, path: string, options?: { token?: string | undefined; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  /** Creates a user directly in the database and logs it in over HTTP. */
  login(username: string, role: Role): Promise<{ id: number; token: string }>;
  close(): Promise<void>;
}

/** The real app on a real port (0: any free one) against a fresh migrated database. */
export async function startBroker(overrides: Partial<Omit<AppDeps, 'pool'>> = {}): Promise<Broker> {
  const db = await createTestDatabase();
  const app = createApp({
    pool: db.pool,
    jwtSecret: JWT_SECRET,
    tokenTtlSeconds: 3600,
    visibilityTimeoutSeconds: 30,
    corsOrigins: [],
    ...overrides,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call: Broker['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url + path, {
      method,
      headers,
      body: options.body === undefined ? null : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  };

  const password = TEST_PASSWORD;
  const login: Broker['login'] = async (username, role) => {
    const created = await createUser(db.pool, { username, role, passwordHash: await hashPassword(password) });
    if (!created.ok) throw new Error(`test user ${username} exists`);
    const res = await call('POST', '/token', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: created.user.id, token: res.body.access_token };
  };

  return {
    url,
    db,
    call,
    login,
    async close() {
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
      await db.drop();
    },
  };
}
