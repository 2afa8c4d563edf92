import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/seed/seed-demo.ts';
import { runDist } from './helpers/run-dist.ts';
import { createTestDatabase, MIGRATIONS_DIR, type TestDatabase } from './helpers/test-database.ts';

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  dir = await mkdtemp(path.join(os.tmpdir(), 'broker-migrations-'));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
});
afterAll(async () => {
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const tables = async () =>
  (await db.pool.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.t);
const recorded = async () =>
  (await db.pool.query<{ file: string }>('SELECT file FROM schema_migrations ORDER BY version')).rows.map((r) => r.file);

describe('npm run migrate', () => {
  it('applies the numbered files in order, records them, and is a no-op the second time', async () => {
    const first = await runDist('migrate', [dir], { DATABASE_URL: db.url });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('migrate: applied 001_initial.sql');
    expect(await recorded()).toEqual(['001_initial.sql']);
    const second = await runDist('migrate', [dir], { DATABASE_URL: db.url });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('migrate: 0 applied, 1 already applied');
  });

  it('a broken migration exits non-zero, names the file and line, and leaves the database unchanged', async () => {
    const before = await tables();
    // A good migration before the broken one in the same run must be rolled back too.
    await writeFile(path.join(dir, '002_add_topics.sql'), 'CREATE TABLE topics (id int PRIMARY KEY);\n');
    await writeFile(path.join(dir, '003_broken.sql'), '-- deliberately broken\nALTER TABLE channels\n  ADD COLUMN colour text;\nSELECT * FROM no_such_table;\n');
    const res = await runDist('migrate', [dir], { DATABASE_URL: db.url });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('migrate: FAILED in 003_broken.sql (line 4): relation "no_such_table" does not exist');
    expect(res.stderr).toContain('rolled back; the database is unchanged');
    expect(await tables()).toEqual(before);
    expect(await recorded()).toEqual(['001_initial.sql']);
    const columns = await db.pool.query("SELECT 1 FROM information_schema.columns WHERE table_name = 'channels' AND column_name = 'colour'");
    expect(columns.rowCount).toBe(0);

    // Fixed in a later PR: the run goes through.
    await writeFile(path.join(dir, '003_broken.sql'), 'ALTER TABLE channels ADD COLUMN colour text;\n');
    const fixed = await runDist('migrate', [dir], { DATABASE_URL: db.url });
    expect(fixed.code).toBe(0);
    expect(await recorded()).toEqual(['001_initial.sql', '002_add_topics.sql', '003_broken.sql']);
  });

  it('an applied migration that was edited afterwards is refused', async () => {
    await writeFile(path.join(dir, '002_add_topics.sql'), 'CREATE TABLE topics (id bigint PRIMARY KEY);\n');
    const res = await runDist('migrate', [dir], { DATABASE_URL: db.url });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('002_add_topics.sql');
    expect(res.stderr).toContain('was changed after it had been applied');
  });

  it('a badly named file is refused before anything runs', async () => {
    await writeFile(path.join(dir, 'add-things.sql'), 'SELECT 1;\n');
    const res = await runDist('migrate', [dir], { DATABASE_URL: db.url });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('add-things.sql: migration files are named NNN_description.sql');
  });

  it('without DATABASE_URL it says so and exits 1', async () => {
    const res = await runDist('migrate', [dir], {});
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('DATABASE_URL is required');
  });
});

describe('npm run seed', () => {
  it('creates the demo admin, users and channel once, and changes nothing when run again', async () => {
    const seedDb = await createTestDatabase();
    try {
      const first = await runDist('seed', [], { DATABASE_URL: seedDb.url, SEED_ADMIN_PASSWORD: 'admin-password-1' });
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('seed: user admin (admin) created\n');
      expect(first.stdout).not.toContain('admin-password-1');
      // No SEED_USER_PASSWORD: the generated one is printed so the demo users can log in.
      expect(first.stdout).toMatch(/user demo-consumer \(consumer\) created with generated password: \S{16}/);
      expect(first.stdout).toContain('demo-consumer subscribed to demo');

      const snapshot = async () =>
        (await seedDb.pool.query("SELECT (SELECT json_agg(u ORDER BY id) FROM users u) AS u, (SELECT json_agg(q ORDER BY id) FROM queues q) AS q, (SELECT json_agg(c ORDER BY id) FROM channels c) AS c")).rows[0];
      const before = await snapshot();
      const second = await runDist('seed', [], { DATABASE_URL: seedDb.url, SEED_ADMIN_PASSWORD: 'another-password' });
      expect(second.code).toBe(0);
      expect(second.stdout).toContain(`user ${DEMO.admin} exists (left unchanged)`);
      expect(second.stdout).toContain('already subscribed');
      expect(await snapshot()).toEqual(before);
    } finally {
      await seedDb.drop();
    }
  });
});
