import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSettings } from '../src/config/settings.ts';
import { startRunway, type RunningRunway } from '../src/runway.ts';
import { startFakeGitHub, type FakeGitHub } from './github/index.ts';
import { startHerokuPlatform, type HerokuPlatform } from './heroku/index.ts';
import { sandboxRunwayEnv } from './runway-env.ts';
import type { PolicyFile } from './sandbox-policy.ts';
import { startS3Server, type S3Server } from './s3/index.ts';

/** The sandbox's private bucket for Runway's kept builds and manifests (no website hosting). */
export const SANDBOX_ARTIFACTS_BUCKET = 'runway-artifacts';

export interface SandboxOptions {
  /** S3 buckets to create, each served as a website. */
  buckets?: string[];
  /** Heroku apps to create (real apps exist before their first deploy), with initial config vars. */
  herokuApps?: { name: string; configVars?: Record<string, string> }[];
  /** Store for Runway: a PostgreSQL URL, else the embedded store in the sandbox's folder. */
  databaseUrl?: string;
  /** Extra server environment for Runway (e.g. the variables that `from_env` config values name). */
  runwayEnv?: Record<string, string>;
  /**
   * The operator's policy; default: everything open on loopback; `false`: none (first-come claims).
   * A function may create repositories first, to name their ids.
   */
  policy?: PolicyFile | false | ((stands: { github: FakeGitHub; s3Endpoint: string }) => PolicyFile);
  /** Fixed port for Runway (the demo's `--serve` uses one); default any free port. */
  runwayPort?: number;
  /** Where everything keeps its files; default a new temporary folder, removed by `close()`. */
  dir?: string;
}

export interface Sandbox {
  github: FakeGitHub;
  heroku: HerokuPlatform;
  s3: S3Server;
  runway: RunningRunway;
  /** The environment Runway was started with (a second process can be started with the same). */
  env: Record<string, string>;
  dir: string;
  close(): Promise<void>;
}

/**
 * Starts the stand-ins for GitHub, Heroku and S3 and a Runway wired to them, all over HTTP on
 * 127.0.0.1. Used by `npm run demo` and by the end-to-end tests.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), 'runway-sandbox-')));
  // The command sandbox's user must be able to walk through it to Runway's data folder (not list it).
  await chmod(dir, 0o711);
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c();
    if (!options.dir) await rm(dir, { recursive: true, force: true });
  };
  try {
    const github = await startFakeGitHub({ webhookSecret: `whsec-${Math.random().toString(36).slice(2)}`, strictTokens: true });
    closers.push(() => github.close());
    const herokuToken = `heroku-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
    const heroku = await startHerokuPlatform({ token: herokuToken, workDir: path.join(dir, 'heroku') });
    closers.push(() => heroku.close());
    for (const app of options.herokuApps ?? []) await heroku.createApp(app.name, { configVars: app.configVars });
    await mkdir(path.join(dir, 's3'), { recursive: true });
    const s3 = await startS3Server({
      directory: path.join(dir, 's3'),
      buckets: options.buckets ?? [],
      privateBuckets: [SANDBOX_ARTIFACTS_BUCKET],
    });
    closers.push(() => s3.close());
    const env = sandboxRunwayEnv({
      github,
      dataDir: path.join(dir, 'runway'),
      databaseUrl: options.databaseUrl,
      port: options.runwayPort,
      heroku: { url: heroku.url, dataApiUrl: heroku.dataApiUrl, token: herokuToken },
      s3Endpoint: s3.endpoint,
      policy: typeof options.policy === 'function' ? options.policy({ github, s3Endpoint: s3.endpoint }) : options.policy,
      extra: { RUNWAY_ARTIFACTS_BUCKET: SANDBOX_ARTIFACTS_BUCKET, ...options.runwayEnv },
    });
    const loaded = loadSettings(env);
    if (!loaded.ok) throw new Error(`sandbox settings are invalid: ${loaded.problems.join('; ')}`);
    const runway = await startRunway(loaded.settings);
    closers.push(() => runway.close());
    github.setWebhookTarget(`${runway.url}/api/github/webhooks`);
    return { github, heroku, s3, runway, env, dir, close };
  } catch (error) {
    await close();
    throw error;
  }
}
