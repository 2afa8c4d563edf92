import { createPool } from '../db/pool.ts';
import { migrate } from '../db/migrate.ts';
import { z } from 'zod';

// Migrations need only the database, so the release phase does not require the other settings.
const env = z
  .object({
    DATABASE_URL: z.string().min(1, 'DATABASE_URL is required'),
    DATABASE_SSL: z.enum(['disable', 'require', 'no-verify']).default('disable'),
  })
  .parse(process.env);

const db = createPool(env.DATABASE_URL, {
  ssl: env.DATABASE_SSL,
  max: 1,
  onIdleError: (error) => console.error(`database connection failed: ${error.message}`),
});
try {
  const result = await migrate(db);
  for (const file of result.applied) console.log(`migrate: applied ${file}`);
  console.log(`migrate: ${result.applied.length} applied, ${result.alreadyApplied} already there`);
} finally {
  await db.end();
}
