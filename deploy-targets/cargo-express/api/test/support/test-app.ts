import { createApp } from '../../src/app.ts';
import { hashPassword } from '../../src/auth/password.ts';
import type { Database } from '../../src/database.ts';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';
export const TEST_ORIGIN = 'https://dashboard.example.com';

export type TestApp = ReturnType<typeof createApp>;

export function createTestApp(db: Database, timeZone = 'America/Bogota', logs: string[] = []): TestApp {
  return createApp({
    db,
    settings: { JWT_SECRET: TEST_SECRET, CORS_ORIGIN: [TEST_ORIGIN], METRICS_TIME_ZONE: timeZone, CURRENCY: 'COP' },
    log: (line) => logs.push(line),
  });
}

export async function addUser(db: Database, username: string, password: string): Promise<void> {
  await db.query('INSERT INTO users (username, password_hash) VALUES ($1, $2)', [username, await hashPassword(password)]);
}

/** Logs in through POST /token and returns the bearer token. */
export async function login(app: TestApp, username: string, password: string): Promise<string> {
  const response = await app.request('/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export function jsonRequest(method: string, token: string | undefined, body?: unknown): RequestInit {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
}
