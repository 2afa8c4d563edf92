import { z } from 'zod';

const settingsSchema = z.object({
  DATABASE_URL: z.string().min(1, 'is required (postgres://user:password@host:5432/db)'),
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

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Validates the environment once at start-up; the message names every missing or bad variable. */
export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    throw new SettingsError(`invalid environment: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** The database is all that the migrate and seed commands need. */
export function readDatabaseUrl(env: NodeJS.ProcessEnv): string {
  const url = env.DATABASE_URL;
  if (!url) throw new SettingsError('invalid environment: DATABASE_URL is required');
  return url;
}
