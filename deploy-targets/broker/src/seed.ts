import { createPool } from './database.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { readDatabaseSettings, SettingsError } from './settings.ts';

// `npm run seed`: demo data, safe to run after every release.
try {
  const pool = createPool(readDatabaseSettings(process.env), { max: 1 });
  try {
    const report = await seedDemo(pool, { admin: process.env.SEED_ADMIN_PASSWORD, users: process.env.SEED_USER_PASSWORD });
    for (const line of report.lines) console.log(`seed: ${line}`);
  } finally {
    await pool.end();
  }
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(`seed: ${error.message}`);
  process.exitCode = 1;
}
