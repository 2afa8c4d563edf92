import type { LogStream } from './log-stream.ts';
import type { AppProxy } from './app-proxy.ts';
import type { AppLog } from './app-log.ts';
import type { RunningProcess } from './process-runner.ts';

/** A release as the sandbox keeps it (the API shape is made from it in routes/releases.ts). */
export interface SandboxRelease {
  id: string;
  version: number;
  status: 'pending' | 'succeeded' | 'failed';
  current: boolean;
  description: string;
  /** The slug this release runs; releases made by config changes before any build have none. */
  /** `commit`: the source blob's version (as Heroku's slug `commit`), given to dynos as HEROKU_SLUG_COMMIT. */
  slug?: { id: string; dir: string; commit?: string | null };
  /** Release-phase log; null when the slug's Procfile has no `release:` line (as on Heroku). */
  outputStreamUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SandboxBuild {
  id: string;
  status: 'pending' | 'succeeded' | 'failed';
  sourceBlob: { url: string; version: string | null; checksum: string | null };
  slugId: string | null;
  releaseId: string | null;
  log: LogStream;
  createdAt: string;
  updatedAt: string;
}

/** A slug a build made, known account-wide: a release of any app may run it (`POST /apps/{app}/releases` with `slug`). */
export interface SandboxSlug {
  id: string;
  dir: string;
  /** The source blob's version, as Heroku's slug `commit`. */
  commit: string | null;
  /** The app whose build made it (`GET /apps/{app}/slugs/{id}` answers for that app). */
  appId: string;
  createdAt: string;
}

export interface SandboxDyno {
  id: string;
  name: string;
  type: 'web' | 'run';
  command: string;
  state: 'starting' | 'up' | 'crashed' | 'down';
  releaseId: string;
  releaseVersion: number;
  attachUrl: string | null;
  process?: RunningProcess;
  createdAt: string;
  updatedAt: string;
}

export interface SandboxBackup {
  num: number;
  uuid: string;
  file: string;
  createdAt: string;
  startedAt: string;
  finishedAt: string | null;
  succeeded: boolean;
  sourceBytes: number | null;
  error?: string;
}

export interface SandboxDatabase {
  /** Name of the PostgreSQL database on the admin server. */
  name: string;
  /** The login role that owns it (not a superuser), dropped with it. */
  role: string;
  url: string;
  /** `heroku-postgresql:essential-0` */
  plan: string;
  /** The heroku-postgresql add-on that owns it (the data API addresses databases by add-on). */
  addonId: string;
  addonName: string;
}

export interface AppState {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  configVars: Record<string, string>;
  /** Config vars as each release saw them, so a rollback restores them as Heroku does. */
  releaseConfig: Map<string, Record<string, string>>;
  releases: SandboxRelease[];
  builds: Map<string, SandboxBuild>;
  dynos: Map<string, SandboxDyno>;
  web?: SandboxDyno;
  backups: SandboxBackup[];
  database?: SandboxDatabase;
  proxy: AppProxy;
  log: AppLog;
  /** Releases of one app run one after another, like Heroku's release queue. */
  releaseQueue: Promise<void>;
}

export function now(): string {
  return new Date().toISOString();
}
