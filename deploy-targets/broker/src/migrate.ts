import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPool } from './database.ts';
import { MigrationFilesError } from './migrations/migration-files.ts';
import { runMigrations } from './migrations/run-migrations.ts';
import { readDatabaseSettings, SettingsError } from './settings.ts';

// `npm run migrate [dir]`: the Procfile's release phase. A non-zero exit keeps the previous release live.
const defaultDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');
const dir = path.resolve(process.argv[2] ?? defaultDir);

try {
  const pool = createPool(readDatabaseSettings(process.env), { max: 1 });
  try {
    const result = await runMigrations(pool, dir);
    if (result.ok) {
      for (const file of result.applied) console.log(`migrate: applied ${file}`);
      console.log(`migrate: ${result.applied.length} applied, ${result.alreadyApplied} already applied`);
    } else {
      const where = result.reason === 'sql-error' && result.line !== undefined ? ` (line ${result.line})` : '';
      console.error(`migrate: FAILED in ${result.file}${where}: ${result.message}`);
      console.error('migrate: rolled back; the database is unchanged');
      process.exitCode = 1;
    }
  } finally {
    await pool.end();
  }
} catch (error) {
  if (!(error instanceof SettingsError || error instanceof MigrationFilesError)) throw error;
  console.error(`migrate: ${error.message}`);
  process.exitCode = 1;
}
