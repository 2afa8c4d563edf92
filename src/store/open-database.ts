import type { Database } from './database.ts';
import { openEmbeddedDatabase } from './embedded-database.ts';
import { migrate } from './migrations.ts';
import { openPostgresDatabase } from './postgres-database.ts';

/** PostgreSQL when a URL is given, else the embedded store in `dataDir`; migrated to the current schema. */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  const db = options.databaseUrl ? await openPostgresDatabase(options.databaseUrl) : await openEmbeddedDatabase(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
