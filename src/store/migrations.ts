import { readdirSync, readFileSync } from 'node:fs';
import type { Database, Queryable } from './database.ts';

/**
 * Versioned schema migrations: `migrations/NNN-name.sql`, applied in order, each whole inside one
 * transaction. Hand-written rather than a migration library because it must run on both engines
 * (the embedded PostgreSQL and a shared server); the SQL is plain PostgreSQL that both accept. The first line of
 * a file is a comment naming what it adds; that name is recorded in `runway_migrations`.
 */
const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migration files, in version order; a file whose name does not start with a version is an error. */
export function readMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql'));
  const migrations = files.map((file) => {
    const match = /^(\d{3})-[a-z0-9-]+\.sql$/.exec(file);
    if (!match) throw new Error(`store migration ${file}: the name must be NNN-words.sql`);
    const sql = readFileSync(new URL(file, dir), 'utf8');
    const name = /^--\s*(.+)$/m.exec(sql.split('\n', 1)[0] ?? '')?.[1] ?? file;
    return { version: Number(match[1]), name, sql };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`store migrations: expected version ${i + 1}, found ${m.version} (versions are 1, 2, 3, … with no gap or repeat)`);
  });
  return migrations;
}

/** Any constant: replicas starting together take turns on it, so one migrates and the others see it done. */
const MIGRATION_LOCK = 7_217_701;

export async function migrate(db: Database): Promise<number[]> {
  const serialise = async (tx: Queryable) => {
    if (db.engine === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  };
  await db.transaction(async (tx) => {
    await serialise(tx);
    await tx.query(`CREATE TABLE IF NOT EXISTS runway_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  const applied: number[] = [];
  for (const m of readMigrations()) {
    const done = await db.transaction(async (tx) => {
      await serialise(tx);
      const rows = await tx.query('SELECT 1 FROM runway_migrations WHERE version = $1', [m.version]);
      if (rows.length > 0) return false;
      await tx.query('INSERT INTO runway_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      await tx.exec(m.sql);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
