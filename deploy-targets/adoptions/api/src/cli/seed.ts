import { z } from 'zod';
import { createPool } from '../db/pool.ts';
import { seed } from '../seed.ts';

const env = z
  .object({
    DATABASE_URL: z.string().min(1, 'DATABASE_URL is required'),
    DATABASE_SSL: z.enum(['disable', 'require', 'no-verify']).default('disable'),
    SEED_ADMIN_EMAIL: z.email().default('admin@adoptions.local'),
    SEED_ADMIN_PASSWORD: z.string().min(10, 'SEED_ADMIN_PASSWORD needs at least 10 characters').optional(),
  })
  .parse(process.env);

const db = createPool(env.DATABASE_URL, {
  ssl: env.DATABASE_SSL,
  max: 1,
  onIdleError: (error) => console.error(`database connection failed: ${error.message}`),
});
try {
  const result = await seed(db, { adminEmail: env.SEED_ADMIN_EMAIL, adminPassword: env.SEED_ADMIN_PASSWORD });
  console.log(`seed: roles created: ${result.rolesCreated.join(', ') || 'none'}`);
  console.log(`seed: animals created: ${result.animalsCreated}`);
  if (!result.adminCreated) console.log(`seed: administrator ${env.SEED_ADMIN_EMAIL} already exists`);
  else if (result.generatedPassword) {
    // Printed once, on purpose: there is no other way to learn it. Change it after the first sign-in.
    console.log(`seed: created administrator ${env.SEED_ADMIN_EMAIL} with generated password ${result.generatedPassword}`);
  } else console.log(`seed: created administrator ${env.SEED_ADMIN_EMAIL} with SEED_ADMIN_PASSWORD`);
} finally {
  await db.end();
}
