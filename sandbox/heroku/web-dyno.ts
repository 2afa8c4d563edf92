import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { freePort } from '../free-port.ts';
import type { AppState, SandboxDyno, SandboxRelease } from './platform-state.ts';
import { now } from './platform-state.ts';
import { baseEnv, runProcess } from './process-runner.ts';

/** Heroku gives a web process 60 s to bind $PORT (error R10) before it counts as crashed. */
const bootTimeoutMs = 60_000;

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function setState(app: AppState, dyno: SandboxDyno, state: SandboxDyno['state']): void {
  if (dyno.state === state) return;
  app.log.platform(dyno.name, `State changed from ${dyno.state} to ${state}`);
  dyno.state = state;
  dyno.updatedAt = now();
}

/**
 * Starts the release's `web` process with a port of its own and waits until it accepts
 * connections. Resolves with the port, or null when it exited or never bound the port.
 */
export async function startWebDyno(
  app: AppState,
  release: SandboxRelease,
  command: string,
  env: Record<string, string>,
): Promise<{ dyno: SandboxDyno; port: number | null }> {
  const slug = release.slug;
  if (!slug) throw new Error('startWebDyno needs a release with a slug');
  const port = await freePort();
  const dyno: SandboxDyno = {
    id: randomUUID(),
    name: 'web.1',
    type: 'web',
    command,
    state: 'starting',
    releaseId: release.id,
    releaseVersion: release.version,
    attachUrl: null,
    createdAt: now(),
    updatedAt: now(),
  };
  app.log.platform(dyno.name, `Starting process with command \`${command}\``);
  const proc = runProcess({
    command,
    cwd: slug.dir,
    // Dyno metadata, as with `heroku labs:enable runtime-dyno-metadata`: which release and commit this dyno runs.
    env: {
      ...baseEnv(),
      ...env,
      PORT: String(port),
      DYNO: dyno.name,
      HEROKU_RELEASE_VERSION: `v${release.version}`,
      ...(slug.commit && { HEROKU_SLUG_COMMIT: slug.commit }),
    },
    onOutput: (text) => app.log.output(dyno.name, text),
  });
  dyno.process = proc;
  void proc.exited.then((code) => {
    app.log.flush(dyno.name);
    app.log.platform(dyno.name, `Process exited with status ${code}`);
    if (dyno.state !== 'down') setState(app, dyno, 'crashed');
    if (app.web === dyno) app.proxy.setTarget(null);
  });
  const deadline = Date.now() + bootTimeoutMs;
  while (Date.now() < deadline && !proc.hasExited()) {
    if (await accepts(port)) {
      setState(app, dyno, 'up');
      return { dyno, port };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!proc.hasExited()) {
    app.log.platform(dyno.name, 'Error R10 (Boot timeout) -> Web process failed to bind to $PORT within 60 seconds of launch');
    await proc.stop();
  }
  setState(app, dyno, 'crashed');
  return { dyno, port: null };
}

/** Stops a dyno that is no longer wanted (its release was replaced). */
export async function stopDyno(app: AppState, dyno: SandboxDyno): Promise<void> {
  if (!dyno.process || dyno.process.hasExited()) return;
  app.log.platform(dyno.name, 'Stopping all processes with SIGTERM');
  setState(app, dyno, 'down');
  await dyno.process.stop();
}
