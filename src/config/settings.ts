import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

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
  GITHUB_WRITE_THROTTLE: flag.default(true),
  RUNWAY_ADMIN_TOKEN: z.string().min(32).optional(),
  RUNWAY_METRICS_TOKEN: z.string().min(32).optional(),
  RUNWAY_COMMENT_MAX_AGE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  GITHUB_CLIENT_ID: z
    .string()
    .regex(/^[\w.-]+$/, 'not a client id')
    .optional(),
  GITHUB_CLIENT_SECRET: z.string().min(20).optional(),
  RUNWAY_SESSION_SECRET: z.string().min(32).optional(),
  RUNWAY_PUBLIC_LOG_ROLE: z.enum(['read', 'triage', 'write', 'maintain', 'admin']).default('triage'),
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
  GITHUB_WRITE_THROTTLE: 'true or false',
  RUNWAY_ADMIN_TOKEN: 'a random string of at least 32 characters (e.g. `openssl rand -hex 32`)',
  RUNWAY_METRICS_TOKEN: 'a random string of at least 32 characters (e.g. `openssl rand -hex 32`)',
  RUNWAY_COMMENT_MAX_AGE_SECONDS: 'a whole number of seconds from 10 to 86400',
  GITHUB_CLIENT_ID: "the GitHub App's client id (its settings page shows it)",
  GITHUB_CLIENT_SECRET: 'a client secret of the GitHub App (generated on its settings page)',
  RUNWAY_SESSION_SECRET: 'a random string of at least 32 characters (e.g. `openssl rand -hex 32`)',
  RUNWAY_PUBLIC_LOG_ROLE: 'read, triage, write, maintain or admin',
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
  jobLeaseSeconds: number;
  githubWriteThrottle: boolean;
  /** Bearer token that opens every page read-only (and trades for a browser session); unset: no bearer access. */
  adminToken?: string;
  /** Bearer token that opens `/metrics` only, for scrapers. */
  metricsToken?: string;
  /** A comment command that first arrives later than this after it was written is answered with a note, not run. */
  commentMaxAgeSeconds: number;
  /** Sign in with GitHub (the App's OAuth client); unset: only the admin token opens the pages. */
  githubSignIn?: GitHubSignInSettings;
  /** On a public repository everyone signed in reads the pages; the logs need this role or more. */
  publicLogRole: 'read' | 'triage' | 'write' | 'maintain' | 'admin';
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
      jobLeaseSeconds: s.RUNWAY_JOB_LEASE_SECONDS,
      githubWriteThrottle: s.GITHUB_WRITE_THROTTLE,
      adminToken: s.RUNWAY_ADMIN_TOKEN,
      metricsToken: s.RUNWAY_METRICS_TOKEN,
      commentMaxAgeSeconds: s.RUNWAY_COMMENT_MAX_AGE_SECONDS,
      githubSignIn:
        s.GITHUB_CLIENT_ID && s.GITHUB_CLIENT_SECRET && s.RUNWAY_SESSION_SECRET
          ? { clientId: s.GITHUB_CLIENT_ID, clientSecret: s.GITHUB_CLIENT_SECRET, sessionSecret: s.RUNWAY_SESSION_SECRET }
          : undefined,
      publicLogRole: s.RUNWAY_PUBLIC_LOG_ROLE,
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
  const awsSecret = settings.serverEnv.AWS_SECRET_ACCESS_KEY;
  if (awsSecret) secrets.push(awsSecret);
  return secrets;
}

/** An empty variable counts as unset, as most shells and .env files intend. */
function nonEmpty(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}
