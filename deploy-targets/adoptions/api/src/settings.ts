import { z } from 'zod';
import type { SmtpSettings } from './mail/smtp-mailer.ts';

const settingsSchema = z.object({
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required'),
  DATABASE_SSL: z.enum(['disable', 'require', 'no-verify']).default('disable'),
  JWT_SECRET: z
    .string({ error: 'JWT_SECRET is required (no default: tokens signed with a known secret are forgeable)' })
    .min(32, 'JWT_SECRET must be at least 32 characters'),
  TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(12 * 3600),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  CORS_ORIGIN: z.string().default(''),
  STORAGE_BUCKET: z.string().min(3, 'STORAGE_BUCKET is required'),
  AWS_REGION: z.string().default('us-east-1'),
  AWS_ENDPOINT_URL_S3: z.url().optional(),
  MAIL_TRANSPORT: z.enum(['log', 'smtp']).default('log'),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'SMTP_URL must be smtp://… or smtps://…' }).optional(),
  MAIL_FROM: z.string().min(3).default('Adoptions <no-reply@adoptions.local>'),
  WEB_URL: z.url({ protocol: /^https?$/ }).optional(),
}).refine((s) => s.MAIL_TRANSPORT !== 'smtp' || s.SMTP_URL, {
  path: ['SMTP_URL'],
  message: 'SMTP_URL is required when MAIL_TRANSPORT=smtp',
});

export type Settings = {
  databaseUrl: string;
  databaseSsl: 'disable' | 'require' | 'no-verify';
  jwtSecret: string;
  tokenTtlSeconds: number;
  port: number;
  corsOrigins: string[];
  storage: { bucket: string; region: string; endpoint: string | undefined };
  /** `log`: notices are only logged (recipient and subject); `smtp`: sent through `smtp`. */
  mail: { transport: 'log' } | { transport: 'smtp'; smtp: SmtpSettings };
  /** The web app's address, for links in e-mails. */
  webUrl: string | undefined;
};

export class SettingsError extends Error {}

/** Reads the environment once at start-up; throws SettingsError naming every missing or bad variable. */
export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new SettingsError(`invalid settings:\n  ${lines.join('\n  ')}`);
  }
  const s = parsed.data;
  return {
    databaseUrl: s.DATABASE_URL,
    databaseSsl: s.DATABASE_SSL,
    jwtSecret: s.JWT_SECRET,
    tokenTtlSeconds: s.TOKEN_TTL_SECONDS,
    port: s.PORT,
    corsOrigins: s.CORS_ORIGIN.split(',').map((o) => o.trim()).filter((o) => o.length > 0),
    storage: { bucket: s.STORAGE_BUCKET, region: s.AWS_REGION, endpoint: s.AWS_ENDPOINT_URL_S3 },
    mail:
      s.MAIL_TRANSPORT === 'smtp' && s.SMTP_URL
        ? { transport: 'smtp', smtp: { url: s.SMTP_URL, from: s.MAIL_FROM } }
        : { transport: 'log' },
    webUrl: s.WEB_URL,
  };
}
