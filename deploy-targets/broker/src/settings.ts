import { z } from 'zod';

const databaseSchema = z.object({
  DATABASE_URL: z.string({ error: 'is required (postgres://user:password@host:5432/db)' }).min(1, 'is required (postgres://user:password@host:5432/db)'),
  DATABASE_SSL: z
    .enum(['disable', 'no-verify', 'verify-full'])
    .default('disable')
    .describe('Heroku Postgres needs no-verify: it requires TLS with a certificate not signed by a public CA'),
});

const settingsSchema = databaseSchema.extend({
  JWT_SECRET: z
    .string({ error: 'is required: the HS256 signing secret, at least 32 characters' })
    .min(32, 'must be at least 32 characters'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  CORS_ORIGIN: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter((o) => o !== '')),
  VISIBILITY_TIMEOUT_SECONDS: z.coerce.number().positive().max(43_200).default(30),
  TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
});

export type Settings = z.infer<typeof settingsSchema>;
export type DatabaseSettings = z.infer<typeof databaseSchema>;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

function parse<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    throw new SettingsError(`invalid environment: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Validates the environment once at start-up; the message names every missing or bad variable. */
export function readSettings(env: NodeJS.ProcessEnv): Settings {
  return parse(settingsSchema, env);
}

/** The database is all that the migrate and seed commands need. */
export function readDatabaseSettings(env: NodeJS.ProcessEnv): DatabaseSettings {
  return parse(databaseSchema, env);
}
