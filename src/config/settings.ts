import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadPolicy } from '../policy/load-policy.ts';
import type { Policy } from '../policy/policy-schema.ts';
import type { S3ArtifactsConfig } from '../artifacts/s3-artifact-store.ts';

/**
 * Server settings, read from the environment once at start-up. This is the only module that reads
 * `process.env`: everything else receives a `Settings` value.
 */

const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const settingsSchema = z.object({
  APP_ID: z.coerce.number().int().positive(),
  PRIVATE_KEY: z.string().optional(),
  PRIVATE_KEY_PATH: z.string().optional(),
  WEBHOOK_SECRET: z.string().min(1),
  GHE_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'must be host or host:port')
    .optional(),
  GHE_PROTOCOL: z.enum(['http', 'https']).default('https'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  RUNWAY_DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  HEROKU_API_TOKEN: z.string().min(1).optional(),
  HEROKU_API_URL: z.url().default('https://api.heroku.com'),
  HEROKU_DATA_API_URL: z.url().default('https://api.data.heroku.com'),
  RUNWAY_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  RUNWAY_JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  RUNWAY_CONTROL_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  RUNWAY_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RUNWAY_JOB_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  RUNWAY_LOG_MAX_LINES: z.coerce.number().int().min(100).max(10_000_000).default(50_000),
  RUNWAY_LOG_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(1024 ** 3)
    .default(10 * 1024 ** 2),
  GITHUB_WRITE_THROTTLE: flag.default(true),
  RUNWAY_ADMIN_TOKEN: z.string().min(32).optional(),
  RUNWAY_METRICS_TOKEN: z.string().min(32).optional(),
  RUNWAY_COMMENT_MAX_AGE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  RUNWAY_CHECKS_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  RUNWAY_POLICY: z.string().optional(),
  RUNWAY_SANDBOX: z.enum(['on', 'off']).default('on'),
  RUNWAY_SANDBOX_USER: z
    .string()
    .regex(/^[a-z_][a-z0-9_-]*$/, 'must be a user name')
    .default('runway-sandbox'),
  RUNWAY_SANDBOX_DIR: z.string().optional(),
  RUNWAY_REDELIVERY_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  RUNWAY_REDELIVERY_LOOKBACK_HOURS: z.coerce.number().int().min(1).max(72).default(24),
  RUNWAY_ARTIFACTS_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
    .optional(),
  RUNWAY_ARTIFACTS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9!_.*'()/-]*$/)
    .default(''),
  GITHUB_CLIENT_ID: z
    .string()
    .regex(/^[\w.-]+$/, 'not a client id')
    .optional(),
  GITHUB_CLIENT_SECRET: z.string().min(20).optional(),
  RUNWAY_SESSION_SECRET: z.string().min(32).optional(),
  RUNWAY_PUBLIC_LOG_ROLE: z.enum(['read', 'triage', 'write', 'maintain', 'admin']).default('triage'),
  WEBHOOK_PROXY_URL: z.url({ protocol: /^https?$/ }).optional(),
});

/** What each setting is, for error messages (the README's settings table says the same). */
const expected: Partial<Record<keyof z.input<typeof settingsSchema>, string>> = {
  APP_ID: "the GitHub App's numeric id",
  WEBHOOK_SECRET: "the GitHub App's webhook secret",
  GHE_HOST: 'host or host:port of GitHub Enterprise Server (or the sandbox)',
  GHE_PROTOCOL: 'http or https',
  PORT: 'a port number',
  DATABASE_URL: 'a postgres:// URL',
  LOG_LEVEL: 'trace, debug, info, warn, error, fatal or silent',
  RUNWAY_WORKER_CONCURRENCY: 'a whole number from 1 to 64',
  RUNWAY_JOB_LEASE_SECONDS: 'a whole number of seconds from 1 to 3600',
  RUNWAY_CONTROL_CONCURRENCY: 'a whole number from 1 to 64',
  RUNWAY_LOG_RETENTION_DAYS: 'a whole number of days from 1 to 3650',
  RUNWAY_JOB_RETENTION_DAYS: 'a whole number of days from 1 to 3650',
  RUNWAY_LOG_MAX_LINES: 'a whole number of lines from 100 to 10000000',
  RUNWAY_LOG_MAX_BYTES: 'a whole number of bytes from 65536 to 1073741824',
  GITHUB_WRITE_THROTTLE: 'true or false',
  RUNWAY_ADMIN_TOKEN: 'a random string of at least 32 characters (e.g. `openssl rand -hex 32`)',
  RUNWAY_METRICS_TOKEN: 'a random string of at least 32 characters (e.g. `openssl rand -hex 32`)',
  RUNWAY_COMMENT_MAX_AGE_SECONDS: 'a whole number of seconds from 10 to 86400',
  RUNWAY_CHECKS_POLL_SECONDS: 'a whole number of seconds from 1 to 3600',
  RUNWAY_SANDBOX: 'on or off',
  RUNWAY_SANDBOX_USER: 'a user name',
  RUNWAY_REDELIVERY_INTERVAL_SECONDS: 'a whole number of seconds from 0 (off) to 86400',
  RUNWAY_REDELIVERY_LOOKBACK_HOURS: 'a whole number of hours from 1 to 72 (GitHub redelivers only the last 3 days)',
  RUNWAY_ARTIFACTS_BUCKET: 'an S3 bucket name (3–63 lower-case letters, digits, dots and dashes)',
  RUNWAY_ARTIFACTS_PREFIX: "a key prefix of letters, digits and !_.*'()/-",
  GITHUB_CLIENT_ID: "the GitHub App's client id (its settings page shows it)",
  GITHUB_CLIENT_SECRET: 'a client secret of the GitHub App (generated on its settings page)',
  RUNWAY_SESSION_SECRET: 'a random string of at least 32 characters (e.g. `openssl rand -hex 32`)',
  RUNWAY_PUBLIC_LOG_ROLE: 'read, triage, write, maintain or admin',
  WEBHOOK_PROXY_URL: 'the URL of a smee.io channel (https://smee.io/…)',
};

export interface Settings {
  appId: number;
  privateKey: string;
  webhookSecret: string;
  /** REST base URL: https://api.github.com, or <protocol>://<GHE_HOST>/api/v3. */
  githubApiUrl: string;
  port: number;
  /** Base of the links Runway posts; `undefined` means "http://localhost:<the port we listen on>". */
  publicUrl?: string;
  databaseUrl?: string;
  dataDir: string;
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  herokuApiToken?: string;
  herokuApiUrl: string;
  herokuDataApiUrl: string;
  workerConcurrency: number;
  /** Worker slots for control jobs, apart from the deployment slots. */
  controlConcurrency: number;
  jobLeaseSeconds: number;
  /** How long the purge keeps log lines, and finished jobs and delivery ids (deployments and steps are kept). */
  retention: { logDays: number; finishedJobDays: number };
  /** Per deployment: beyond this the oldest lines make way for the newest (the tail is kept). */
  logCap: { maxLines: number; maxBytes: number };
  githubWriteThrottle: boolean;
  /** Bearer token that opens every page read-only (and trades for a browser session); unset: no bearer access. */
  adminToken?: string;
  /** Bearer token that opens `/metrics` only, for scrapers. */
  metricsToken?: string;
  /** A comment command that first arrives later than this after it was written is answered with a note, not run. */
  commentMaxAgeSeconds: number;
  /** How often a deployment waiting for CI asks GitHub again when no check webhook came. */
  checksPollSeconds: number;
  /** The operator's policy file (RUNWAY_POLICY), parsed; undefined means first-come claims. */
  policy?: { policy: Policy; file: string };
  /** The command sandbox: `off` runs commands unsandboxed (a warning at start and in every command's log). */
  sandbox: { mode: 'on' | 'off'; user: string; dir: string };
  /** How often to ask GitHub for failed deliveries and redeliver them (also once at start); 0: never. */
  redeliveryIntervalSeconds: number;
  /** How far back those scans look. */
  redeliveryLookbackHours: number;
  /** Runway's private bucket for kept builds and release manifests; undefined: `<dataDir>/artifacts`. */
  artifacts?: S3ArtifactsConfig;
  /** Sign in with GitHub (the App's OAuth client); unset: only the admin token opens the pages. */
  githubSignIn?: GitHubSignInSettings;
  /** On a public repository everyone signed in reads the pages; the logs need this role or more. */
  publicLogRole: 'read' | 'triage' | 'write' | 'maintain' | 'admin';
  /** Development only: a smee.io channel whose webhooks are forwarded to this server (public: anyone with the URL reads them). */
  webhookProxyUrl?: string;
  /** Snapshot of the server environment, for config values that name a variable (`from_env`, notifiers). */
  serverEnv: Readonly<Record<string, string | undefined>>;
}

export interface GitHubSignInSettings {
  clientId: string;
  clientSecret: string;
  /** RUNWAY_SESSION_SECRET: signs the short-lived sign-in state cookie and derives the CSRF tokens. */
  sessionSecret: string;
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; problems: string[] };

export function loadSettings(env: Readonly<Record<string, string | undefined>> = process.env): SettingsResult {
  const given = nonEmpty(env);
  const parsed = settingsSchema.safeParse(given);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? 'settings') as keyof typeof expected;
        const what = expected[name];
        if (!(name in given)) return `${name}: required${what ? ` (${what})` : ''}`;
        return `${name}: ${what ? `must be ${what}` : i.message}`;
      });
  if (!given.PRIVATE_KEY && !given.PRIVATE_KEY_PATH)
    problems.push('PRIVATE_KEY: required (set PRIVATE_KEY to the PEM key, or PRIVATE_KEY_PATH to its file)');
  if (given.RUNWAY_ARTIFACTS_BUCKET && (!given.AWS_ACCESS_KEY_ID || !given.AWS_SECRET_ACCESS_KEY))
    problems.push('RUNWAY_ARTIFACTS_BUCKET: needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (the same credentials as the sites)');
  if (!given.GITHUB_CLIENT_ID !== !given.GITHUB_CLIENT_SECRET)
    problems.push('GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET: set both (sign in with GitHub) or neither');
  if (given.GITHUB_CLIENT_ID && !given.RUNWAY_SESSION_SECRET)
    problems.push(`RUNWAY_SESSION_SECRET: required with GITHUB_CLIENT_ID (${expected.RUNWAY_SESSION_SECRET})`);
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const s = parsed.data;
  let privateKey = s.PRIVATE_KEY;
  if (!privateKey && s.PRIVATE_KEY_PATH) {
    try {
      privateKey = readFileSync(s.PRIVATE_KEY_PATH, 'utf8');
    } catch (error) {
      return { ok: false, problems: [`PRIVATE_KEY_PATH: cannot read ${s.PRIVATE_KEY_PATH} (${(error as NodeJS.ErrnoException).code})`] };
    }
  }
  privateKey = (privateKey ?? '').replace(/\\n/g, '\n');
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKey)) {
    return { ok: false, problems: ["PRIVATE_KEY: not a PEM private key (use the .pem file from the GitHub App's settings page)"] };
  }
  let policy: Settings['policy'];
  if (s.RUNWAY_POLICY !== undefined) {
    const file = path.resolve(s.RUNWAY_POLICY);
    const loaded = loadPolicy(file);
    if (!loaded.ok) return { ok: false, problems: [loaded.message] };
    policy = { policy: loaded.policy, file };
  }
  return {
    ok: true,
    settings: {
      appId: s.APP_ID,
      privateKey,
      webhookSecret: s.WEBHOOK_SECRET,
      githubApiUrl: s.GHE_HOST ? `${s.GHE_PROTOCOL}://${s.GHE_HOST}/api/v3` : 'https://api.github.com',
      port: s.PORT,
      publicUrl: s.PUBLIC_URL?.replace(/\/+$/, ''),
      databaseUrl: s.DATABASE_URL,
      dataDir: path.resolve(s.RUNWAY_DATA_DIR),
      logLevel: s.LOG_LEVEL,
      herokuApiToken: s.HEROKU_API_TOKEN,
      herokuApiUrl: s.HEROKU_API_URL.replace(/\/+$/, ''),
      herokuDataApiUrl: s.HEROKU_DATA_API_URL.replace(/\/+$/, ''),
      workerConcurrency: s.RUNWAY_WORKER_CONCURRENCY,
      controlConcurrency: s.RUNWAY_CONTROL_CONCURRENCY,
      jobLeaseSeconds: s.RUNWAY_JOB_LEASE_SECONDS,
      retention: { logDays: s.RUNWAY_LOG_RETENTION_DAYS, finishedJobDays: s.RUNWAY_JOB_RETENTION_DAYS },
      logCap: { maxLines: s.RUNWAY_LOG_MAX_LINES, maxBytes: s.RUNWAY_LOG_MAX_BYTES },
      githubWriteThrottle: s.GITHUB_WRITE_THROTTLE,
      adminToken: s.RUNWAY_ADMIN_TOKEN,
      metricsToken: s.RUNWAY_METRICS_TOKEN,
      commentMaxAgeSeconds: s.RUNWAY_COMMENT_MAX_AGE_SECONDS,
      checksPollSeconds: s.RUNWAY_CHECKS_POLL_SECONDS,
      ...(policy && { policy }),
      sandbox: {
        mode: s.RUNWAY_SANDBOX,
        user: s.RUNWAY_SANDBOX_USER,
        dir: path.resolve(s.RUNWAY_SANDBOX_DIR ?? path.join(s.RUNWAY_DATA_DIR, 'sandbox')),
      },
      redeliveryIntervalSeconds: s.RUNWAY_REDELIVERY_INTERVAL_SECONDS,
      redeliveryLookbackHours: s.RUNWAY_REDELIVERY_LOOKBACK_HOURS,
      ...(s.RUNWAY_ARTIFACTS_BUCKET && {
        artifacts: {
          bucket: s.RUNWAY_ARTIFACTS_BUCKET,
          prefix: s.RUNWAY_ARTIFACTS_PREFIX.replace(/^\/+/, '').replace(/([^/])$/, '$1/'),
          region: given.AWS_REGION ?? given.AWS_DEFAULT_REGION ?? 'us-east-1',
          endpoint: given.AWS_ENDPOINT_URL_S3 ?? given.AWS_ENDPOINT_URL,
          credentials: {
            accessKeyId: given.AWS_ACCESS_KEY_ID!,
            secretAccessKey: given.AWS_SECRET_ACCESS_KEY!,
            ...(given.AWS_SESSION_TOKEN && { sessionToken: given.AWS_SESSION_TOKEN }),
          },
        },
      }),
      githubSignIn:
        s.GITHUB_CLIENT_ID && s.GITHUB_CLIENT_SECRET && s.RUNWAY_SESSION_SECRET
          ? { clientId: s.GITHUB_CLIENT_ID, clientSecret: s.GITHUB_CLIENT_SECRET, sessionSecret: s.RUNWAY_SESSION_SECRET }
          : undefined,
      publicLogRole: s.RUNWAY_PUBLIC_LOG_ROLE,
      ...(s.WEBHOOK_PROXY_URL && { webhookProxyUrl: s.WEBHOOK_PROXY_URL }),
      serverEnv: Object.freeze({ ...env }),
    },
  };
}

/** Values that must never leave the process, whatever text they end up in. */
export function settingsSecrets(settings: Settings): string[] {
  const secrets = [settings.privateKey, settings.webhookSecret];
  if (settings.herokuApiToken) secrets.push(settings.herokuApiToken);
  if (settings.adminToken) secrets.push(settings.adminToken);
  if (settings.metricsToken) secrets.push(settings.metricsToken);
  if (settings.githubSignIn) secrets.push(settings.githubSignIn.clientSecret, settings.githubSignIn.sessionSecret);
  if (settings.databaseUrl) {
    const password = new URL(settings.databaseUrl).password;
    if (password) secrets.push(decodeURIComponent(password));
  }
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const) {
    const value = settings.serverEnv[name];
    if (value) secrets.push(value);
  }
  return secrets;
}

/** An empty variable counts as unset, as most shells and .env files intend. */
function nonEmpty(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}
