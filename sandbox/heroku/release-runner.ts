import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sandboxUser } from './api-shapes.ts';
import { LogStream } from './log-stream.ts';
import type { AppState, SandboxRelease } from './platform-state.ts';
import { now } from './platform-state.ts';
import { readProcfile } from './procfile.ts';
import { baseEnv, runProcess } from './process-runner.ts';
import { startWebDyno, stopDyno } from './web-dyno.ts';

export interface ReleaseContext {
  workDir: string;
  /** URL of a release-phase log, served by the platform. */
  releaseStreamUrl(releaseId: string): string;
  releaseStreams: Map<string, LogStream>;
  redactor(app: AppState): (text: string) => string;
  /** How long after its output stream ended a build or release shows its final status (see `statusLagMs`). */
  statusLagMs: number;
}

/** Heroku's status of a build or release can lag the end of its output stream by a moment. */
export async function statusLag(ctx: Pick<ReleaseContext, 'statusLagMs'>): Promise<void> {
  if (ctx.statusLagMs > 0) await new Promise((resolve) => setTimeout(resolve, ctx.statusLagMs));
}

export interface NewRelease {
  description: string;
  slug?: { id: string; dir: string; commit?: string | null };
}

/**
 * Records a pending release and queues its release phase and restart behind the app's earlier
 * releases. The release becomes current only after the release phase succeeded and the new web
 * process accepts connections (Heroku flips `current` first and restarts dynos after).
 */
export async function createRelease(app: AppState, input: NewRelease, ctx: ReleaseContext): Promise<SandboxRelease> {
  const procfile = input.slug ? await readProcfile(input.slug.dir) : new Map<string, string>();
  const releaseCommand = procfile.get('release');
  const id = randomUUID();
  const release: SandboxRelease = {
    id,
    version: (app.releases.at(-1)?.version ?? 0) + 1,
    status: 'pending',
    current: false,
    description: input.description,
    outputStreamUrl: releaseCommand ? ctx.releaseStreamUrl(id) : null,
    createdAt: now(),
    updatedAt: now(),
  };
  if (input.slug) release.slug = input.slug;
  const config = { ...app.configVars };
  app.releaseConfig.set(id, config);
  app.releases.push(release);
  app.log.api(`${input.description} by user ${sandboxUser}`);
  app.log.api(`Release v${release.version} created by user ${sandboxUser}`);
  const log = releaseCommand ? new LogStream(join(ctx.workDir, 'logs', 'releases', `${id}.log`), ctx.redactor(app)) : undefined;
  if (log) ctx.releaseStreams.set(id, log);
  app.releaseQueue = app.releaseQueue.then(() =>
    runRelease(app, release, procfile, config, log, ctx).catch(async (error: unknown) => {
      log?.line(`Release failed: ${(error as Error).message}`);
      await finish(release, 'failed', log, ctx);
    }),
  );
  return release;
}

function withoutPort(config: Record<string, string>): Record<string, string> {
  const { PORT: _port, ...rest } = config;
  return rest;
}

/** The release phase's stream ends with the release (here: once the new web process listens), and the status follows. */
async function finish(
  release: SandboxRelease,
  status: 'succeeded' | 'failed',
  log: LogStream | undefined,
  ctx: ReleaseContext,
): Promise<void> {
  if (release.status !== 'pending') return;
  log?.end();
  await statusLag(ctx);
  release.status = status;
  release.updatedAt = now();
}

async function runRelease(
  app: AppState,
  release: SandboxRelease,
  procfile: Map<string, string>,
  config: Record<string, string>,
  log: LogStream | undefined,
  ctx: ReleaseContext,
): Promise<void> {
  const releaseCommand = procfile.get('release');
  if (release.slug && releaseCommand && log) {
    const dynoName = `release.${1000 + Math.floor(Math.random() * 9000)}`;
    app.log.platform(dynoName, `Starting process with command \`${releaseCommand}\``);
    const proc = runProcess({
      command: releaseCommand,
      cwd: release.slug.dir,
      // Heroku's release phase has no PORT: it is not a web process.
      env: { ...baseEnv(), ...withoutPort(config), DYNO: dynoName },
      onOutput: (text) => {
        log.write(text);
        app.log.output(dynoName, text);
      },
    });
    const code = await proc.exited;
    app.log.flush(dynoName);
    app.log.platform(dynoName, `Process exited with status ${code}`);
    if (code !== 0) {
      log.line(`Release command \`${releaseCommand}\` exited with status ${code}; v${release.version} was not made current.`);
      await finish(release, 'failed', log, ctx);
      return;
    }
  }
  const previous = app.web;
  const webCommand = procfile.get('web');
  if (release.slug && webCommand) {
    const { dyno, port } = await startWebDyno(app, release, webCommand, config);
    app.web = dyno;
    app.proxy.setTarget(port);
  } else if (release.slug) {
    delete app.web;
    app.proxy.setTarget(null);
  }
  // Config-only releases before the first build have no slug and leave processes alone.
  for (const other of app.releases) other.current = false;
  release.current = true;
  await finish(release, 'succeeded', log, ctx);
  if (previous && previous !== app.web) await stopDyno(app, previous);
}
