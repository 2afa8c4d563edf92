import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { inTransaction, type Db } from './pool.ts';

/** src/db and dist/db both sit two levels below the app folder, beside migrations/. */
export const defaultMigrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

const fileName = /^(\d{3,})_[a-z0-9_]+\.sql$/;
// Any constant works; it only has to be the same for every process that migrates this database.
const migrationLockKey = 727_001;

export type MigrationResult = { applied: string[]; alreadyApplied: number };

/**
 * Applies every `NNN_name.sql` in `dir` that is not yet recorded in `schema_migrations`, in order,
 * each in its own transaction together with its record. An advisory lock keeps two release phases
 * from migrating at once.
 */
export async function migrate(db: Db, dir = defaultMigrationsDir): Promise<MigrationResult> {
  const files = (await readdir(dir)).filter((f) => fileName.test(f)).sort();
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const file of files) {
    const sql = await readFile(join(dir, file), 'utf8');
    const ran = await inTransaction(db, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
      const seen = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [file]);
      if (seen.rowCount) return false;
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
      return true;
    });
    if (ran) applied.push(file);
    else alreadyApplied += 1;
  }
  return { applied, alreadyApplied };
}
