import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddOn, App } from '@heroku-cli/schema';
import Heroku from 'heroku-client';
import type { HerokuHttpError } from 'heroku-client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHerokuPlatform, type HerokuPlatform } from '../../sandbox/heroku/index.ts';

// Issue 16 §5: the Heroku sandbox creates and deletes apps, provisions a database per app owned by
// a role of its own, and has an app quota that answers 422 like Heroku's.

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const token = `sandbox-${randomBytes(8).toString('hex')}`;
const tag = randomBytes(3).toString('hex');
let platform: HerokuPlatform;
let heroku: Heroku;
let workDir: string;

const post = <T>(path: string, body: unknown) => heroku.request<T>({ method: 'POST', path, body });
const del = <T>(path: string) => heroku.request<T>({ method: 'DELETE', path });
const get = <T>(path: string) => heroku.request<T>({ method: 'GET', path });

async function refusal(request: Promise<unknown>): Promise<{ status: number; body: { id: string; message: string } }> {
  const error = (await request.then(
    () => undefined,
    (e: unknown) => e,
  )) as HerokuHttpError | undefined;
  if (!error) throw new Error('expected the request to be refused');
  return { status: error.statusCode ?? 0, body: error.body as { id: string; message: string } };
}

async function admin<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'heroku-lifecycle-'));
  platform = await startHerokuPlatform({ token, workDir, appQuota: 3 });
  heroku = new Heroku({ token, host: platform.url });
});

afterAll(async () => {
  await platform?.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('apps and add-ons through the Platform API', () => {
  it('creates an app, gives it a database owned by a role of its own, and deletes both with the app', async () => {
    const name = `pr-${tag}-1`;
    const app = await post<App>('/apps', { name });
    expect(app.name).toBe(name);
    expect(app.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(app.web_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const addon = await post<AddOn>(`/apps/${name}/addons`, { plan: 'heroku-postgresql:essential-0' });
    expect(addon.plan?.name).toBe('heroku-postgresql:essential-0');
    expect(addon.config_vars).toEqual(['DATABASE_URL']);
    const config = await get<Record<string, string>>(`/apps/${name}/config-vars`);
    const dbUrl = new URL(config.DATABASE_URL!);
    const { database } = platform.app(name);
    expect(dbUrl.username).toBe(database!.role);
    expect(dbUrl.password.length).toBeGreaterThanOrEqual(16);

    const [role] = await admin<{ rolsuper: boolean; rolcreatedb: boolean; owner: string }>(
      `SELECT r.rolsuper, r.rolcreatedb, pg_get_userbyid(d.datdba) AS owner
         FROM pg_roles r, pg_database d WHERE r.rolname = $1 AND d.datname = $2`,
      [database!.role, database!.name],
    );
    expect(role).toEqual({ rolsuper: false, rolcreatedb: false, owner: database!.role });

    // The app's own URL works, and makes tables its role owns.
    const client = new pg.Client({ connectionString: config.DATABASE_URL });
    await client.connect();
    await client.query('CREATE TABLE seeded (n int)');
    expect((await client.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u).toBe(database!.role);
    await client.end();

    const deleted = await del<App>(`/apps/${app.id}`);
    expect(deleted.id).toBe(app.id);
    expect(platform.hasApp(name)).toBe(false);
    expect((await refusal(get(`/apps/${name}`))).status).toBe(404);
    expect(await admin('SELECT 1 FROM pg_database WHERE datname = $1', [database!.name])).toEqual([]);
    expect(await admin('SELECT 1 FROM pg_roles WHERE rolname = $1', [database!.role])).toEqual([]);
  });

  it("keeps one app's role out of another app's database", async () => {
    const [a, b] = [`pr-${tag}-a`, `pr-${tag}-b`];
    for (const name of [a, b]) {
      await post<App>('/apps', { name });
      await post<AddOn>(`/apps/${name}/addons`, { plan: 'heroku-postgresql:essential-0' });
    }
    const other = new URL(platform.app(a).databaseUrl!);
    other.pathname = `/${platform.app(b).database!.name}`;
    const client = new pg.Client({ connectionString: other.toString() });
    await expect(client.connect()).rejects.toThrow(/permission denied/);
    await client.end().catch(() => undefined);
    for (const name of [a, b]) await del(`/apps/${name}`);
  });

  it("answers Heroku's 422 for a taken name, an invalid name, an unknown plan and the app quota", async () => {
    const taken = `pr-${tag}-taken`;
    await post<App>('/apps', { name: taken });
    expect(await refusal(post('/apps', { name: taken }))).toEqual({
      status: 422,
      body: { id: 'invalid_params', message: `Name ${taken} is already taken` },
    });
    const invalid = await refusal(post('/apps', { name: 'Not_A_Name' }));
    expect(invalid.status).toBe(422);
    expect(invalid.body.message).toMatch(/^Name must start with a letter/);
    const plan = await refusal(post(`/apps/${taken}/addons`, { plan: 'heroku-postgresql:galactic-9' }));
    expect(plan.status).toBe(422);
    expect(plan.body.message).toContain('heroku-postgresql:galactic-9');

    await post<App>('/apps', { name: `pr-${tag}-two` });
    await post<App>('/apps', { name: `pr-${tag}-three` });
    const quota = await refusal(post('/apps', { name: `pr-${tag}-four` }));
    expect(quota.status).toBe(422);
    expect(quota.body).toMatchObject({ id: 'invalid_params' });
    expect(quota.body.message).toMatch(/^You've reached your app limit of 3 apps\./);
    expect(platform.hasApp(`pr-${tag}-four`)).toBe(false);
    expect((await refusal(del('/apps/no-such-app'))).status).toBe(404);
  });
});
