import { z } from 'zod';

const origin = z.string().refine((value) => {
  try {
    return new URL(value).origin === value;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}, 'each origin must look like https://host[:port], with no path or trailing slash');

const timeZone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}, 'must be an IANA time zone such as America/Bogota');

// Intl formats any three letters as a currency; its list of supported codes names the real ones.
const currency = z
  .string()
  .refine((value) => Intl.supportedValuesOf('currency').includes(value), 'must be an ISO 4217 currency code such as COP');

/** Everything the API reads from its environment, validated once at start-up. */
export const settingsSchema = z.object({
  DATABASE_URL: z
    .string({ error: 'is required (postgres://user:password@host:port/database)' })
    .min(1, 'is required (postgres://user:password@host:port/database)'),
  DATABASE_SSL: z
    .enum(['disable', 'no-verify', 'verify-full'])
    .default('disable')
    .describe('Heroku Postgres needs no-verify: it requires TLS with a certificate not signed by a public CA'),
  JWT_SECRET: z
    .string({ error: 'is required: the HS256 signing key, at least 32 characters' })
    .min(32, 'must be at least 32 characters (an HS256 key of 256 bits)'),
  CORS_ORIGIN: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .pipe(z.array(origin)),
  // Cargo Express works across Colombia: its day is Bogotá's and its amounts are pesos.
  METRICS_TIME_ZONE: timeZone.default('America/Bogota'),
  CURRENCY: currency.default('COP').describe('ISO 4217 code of the amounts; /metrics reports it and the dashboard formats with it'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
});

export type Settings = z.infer<typeof settingsSchema>;

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; message: string };

/** Reads the settings; the failure message names every bad variable on one line and never echoes a value. */
export function loadSettings(env: Record<string, string | undefined>): SettingsResult {
  const parsed = settingsSchema.safeParse(env);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
  return { ok: false, message: `cargo-express: invalid configuration: ${problems.join('; ')}` };
}
