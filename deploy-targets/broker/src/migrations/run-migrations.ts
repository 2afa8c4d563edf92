import type { Pool } from 'pg';
import { readMigrationFiles, type MigrationFile } from './migration-files.ts';

export type MigrationResult =
  | { ok: true; applied: string[]; alreadyApplied: number }
  | { ok: false; reason: 'sql-error'; file: string; message: string; line: number | undefined }
  | { ok: false; reason: 'changed'; file: string; message: string };

// Any constant works; it only has to be the same for every migrator of this app.
const MIGRATION_LOCK_KEY = 7_251_001;

/**
 * Applies the pending migrations of `dir` in one transaction: either all of them are applied
 * and recorded in `schema_migrations`, or the database is left exactly as it was.
 */
export async function runMigrations(pool: Pool, dir: string): Promise<MigrationResult> {
  const files = await readMigrationFiles(dir);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Two releases migrating at once would race on the same files.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      file text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number; file: string; checksum: string }>(
      'SELECT version, file, checksum FROM schema_migrations',
    );
    const recorded = new Map(rows.map((r) => [r.version, r]));
    const pending: MigrationFile[] = [];
    for (const f of files) {
      const done = recorded.get(f.version);
      if (!done) pending.push(f);
      else if (done.checksum !== f.checksum) {
        await client.query('ROLLBACK');
        return { ok: false, reason: 'changed', file: f.file, message: 'was changed after it had been applied; add a new migration instead' };
      }
    }
    for (const f of pending) {
      try {
        await client.query(f.sql);
      } catch (error) {
        await client.query('ROLLBACK');
        return { ok: false, reason: 'sql-error', file: f.file, message: errorMessage(error), line: errorLine(error, f.sql) };
      }
      await client.query('INSERT INTO schema_migrations (version, file, checksum) VALUES ($1, $2, $3)', [f.version, f.file, f.checksum]);
    }
    await client.query('COMMIT');
    return { ok: true, applied: pending.map((f) => f.file), alreadyApplied: files.length - pending.length };
  } catch (error) {
    // The original error is the one worth reporting; a failed ROLLBACK means the connection is gone anyway.
    await client.query('ROLLBACK').catch((rollbackError: unknown) => console.error('rollback failed:', errorMessage(rollbackError)));
    throw error;
  } finally {
    client.release();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** PostgreSQL reports a character position in the query text; a line number is what a person needs. */
function errorLine(error: unknown, sql: string): number | undefined {
  const position = Number((error as { position?: unknown }).position);
  if (!Number.isInteger(position) || position < 1) return undefined;
  return sql.slice(0, position - 1).split('\n').length;
}
