import { createDatabase } from './database.ts';
import { applyMigrations, readMigrations } from './migrations/apply-migrations.ts';
import { settingsSchema } from './settings.ts';

// The release phase needs only the database, not the web settings (JWT_SECRET, CORS_ORIGIN).
const settings = settingsSchema.pick({ DATABASE_URL: true, DATABASE_SSL: true }).safeParse(process.env);
if (!settings.success) {
  console.error(`migrate: ${settings.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  process.exit(1);
}
const db = createDatabase(settings.data);
try {
  const applied = await applyMigrations(db, await readMigrations());
  console.log(applied.length === 0 ? 'migrate: up to date' : `migrate: applied ${applied.join(', ')}`);
} catch (error) {
  console.error(`migrate: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.end();
}
