import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { startHerokuPlatform, type HerokuPlatform } from '../../sandbox/heroku/index.ts';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';
import { ADMIN_DATABASE_URL, createScratchDatabase } from '../../sandbox/scratch-database.ts';
import { spawnRunway, type RunwayProcess } from '../../sandbox/runway-process.ts';

export interface HerokuProcessStack {
  github: FakeGitHub;
  heroku: HerokuPlatform;
  /** Runway as its own process (`src/main.ts`), its stdout and stderr kept line by line. */
  runway: RunwayProcess;
  env: Record<string, string>;
  herokuToken: string;
  close(): Promise<void>;
}

/**
 * The fake GitHub, the Heroku sandbox platform and Runway started as a separate process, so that a
 * test sees everything Runway prints. The platform's admin database URL carries a password (the
 * local PostgreSQL trusts 127.0.0.1 and ignores it), so every app's DATABASE_URL has one, as on
 * Heroku, and a test can check that it never leaks.
 */
export async function startHerokuProcessStack(input: {
  apps: string[];
  runwayEnv?: Record<string, string>;
  /** Config vars every app has before Runway's first deploy (as if set by hand or by an add-on). */
  appConfigVars?: Record<string, string>;
}): Promise<HerokuProcessStack> {
  const dir = await mkdtemp(path.join(tmpdir(), 'runway-process-stack-'));
  // The sandbox user must be able to walk through it to Runway's data folder (not list it).
  await chmod(dir, 0o711);
  const closers: (() => Promise<unknown>)[] = [() => rm(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const c of closers.reverse()) await c();
  };
  try {
    const github = await startFakeGitHub({ webhookSecret: `whsec-${randomBytes(16).toString('hex')}`, strictTokens: true });
    closers.push(() => github.close());
    const herokuToken = `heroku-${randomBytes(16).toString('hex')}`;
    const adminUrl = new URL(ADMIN_DATABASE_URL);
    adminUrl.password = `pgpw-${randomBytes(12).toString('hex')}`;
    const heroku = await startHerokuPlatform({
      token: herokuToken,
      workDir: path.join(dir, 'heroku'),
      adminDatabaseUrl: adminUrl.toString(),
    });
    closers.push(() => heroku.close());
    for (const app of input.apps) await heroku.createApp(app, { configVars: input.appConfigVars });
    const store = await createScratchDatabase('runway_process_stack');
    closers.push(() => store.drop());
    const env = sandboxRunwayEnv({
      github,
      dataDir: path.join(dir, 'runway'),
      databaseUrl: store.url,
      heroku: { url: heroku.url, dataApiUrl: heroku.dataApiUrl, token: herokuToken },
      extra: input.runwayEnv,
    });
    const runway = await spawnRunway(env);
    closers.push(() => runway.kill('SIGTERM'));
    github.setWebhookTarget(`${runway.url}/api/github/webhooks`);
    return { github, heroku, runway, env, herokuToken, close };
  } catch (error) {
    await close();
    throw error;
  }
}
