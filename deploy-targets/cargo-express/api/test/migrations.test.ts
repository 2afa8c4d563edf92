import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations } from '../src/migrations/apply-migrations.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

let testDb: TestDatabase;
let dir: string;

beforeAll(async () => {
  testDb = await createTestDatabase({ migrate: false });
  dir = await mkdtemp(join(tmpdir(), 'cargo-express-migrations-'));
});
afterAll(async () => {
  await testDb?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const tables = async () =>
  (
    await testDb.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    )
  ).rows.map((r) => r.table_name);

describe('applyMigrations', () => {
  it('applies the shipped migrations once and records them', async () => {
    const migrations = await readMigrations();
    expect(await applyMigrations(testDb.db, migrations)).toEqual(['001_create_users', '002_create_orders']);
    expect(await tables()).toEqual(['order_items', 'orders', 'schema_migrations', 'users']);
    expect(await applyMigrations(testDb.db, migrations)).toEqual([]);
    const { rows } = await testDb.db.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual([
      { version: '001', name: 'create_users' },
      { version: '002', name: 'create_orders' },
    ]);
  });

  it('rolls a failing migration back whole and records nothing', async () => {
    const url = pathToFileURL(`${dir}/`);
    await writeFile(join(dir, '003_half_done.sql'), 'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n');
    const migrations = [...(await readMigrations()), ...(await readMigrations(url))];
    await expect(applyMigrations(testDb.db, migrations)).rejects.toThrow(/migration 003_half_done failed/);
    expect(await tables()).not.toContain('half_done');
    const { rows } = await testDb.db.query("SELECT count(*)::int AS n FROM schema_migrations WHERE version = '003'");
    expect(rows[0]).toEqual({ n: 0 });
  });

  it('refuses to run when an applied migration was edited', async () => {
    const [first, ...rest] = await readMigrations();
    const edited = { ...first!, sql: `${first!.sql}\n-- edited`, checksum: 'changed' };
    await expect(applyMigrations(testDb.db, [edited, ...rest])).rejects.toThrow(/001_create_users was changed/);
  });
});
