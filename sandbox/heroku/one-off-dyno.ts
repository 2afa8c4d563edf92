import { randomUUID } from 'node:crypto';
import type { AppState, SandboxDyno } from './platform-state.ts';
import { now } from './platform-state.ts';
import { baseEnv, runProcess } from './process-runner.ts';
import type { RendezvousServer } from './rendezvous-server.ts';

/** Heroku drops an attached dyno whose client never connects. */
const attachTimeoutMs = 60_000;

export interface OneOffRequest {
  command: string;
  attach: boolean;
  env: Record<string, string>;
}

/**
 * Runs `command` in the current release's slug with the app's config vars, as `run.NNNN`.
 * Output goes to the app's log (log sessions) and, when attached, to the rendezvous socket.
 * Like Heroku, the dyno disappears from the API once its process exited.
 */
export function startOneOffDyno(
  app: AppState,
  request: OneOffRequest,
  rendezvous: RendezvousServer,
  running: Set<SandboxDyno>,
): SandboxDyno | null {
  const release = [...app.releases].reverse().find((r) => r.current && r.slug);
  if (!release?.slug) return null;
  const slugDir = release.slug.dir;
  const dyno: SandboxDyno = {
    id: randomUUID(),
    name: `run.${1000 + Math.floor(Math.random() * 9000)}`,
    type: 'run',
    command: request.command,
    state: 'starting',
    releaseId: release.id,
    releaseVersion: release.version,
    attachUrl: null,
    createdAt: now(),
    updatedAt: now(),
  };
  app.dynos.set(dyno.id, dyno);
  running.add(dyno);
  const start = (client?: { write(text: string): void; end(): void }): void => {
    app.log.platform(dyno.name, `Starting process with command \`${request.command}\``);
    const proc = runProcess({
      command: request.command,
      cwd: slugDir,
      env: { ...baseEnv(), ...app.configVars, ...request.env, DYNO: dyno.name },
      onOutput: (text) => {
        app.log.output(dyno.name, text);
        client?.write(text);
      },
    });
    dyno.process = proc;
    app.log.platform(dyno.name, `State changed from starting to up`);
    dyno.state = 'up';
    dyno.updatedAt = now();
    void proc.exited.then((code) => {
      app.log.flush(dyno.name);
      app.log.platform(dyno.name, `Process exited with status ${code}`);
      app.log.platform(dyno.name, 'State changed from up to complete');
      dyno.state = 'down';
      dyno.updatedAt = now();
      client?.end();
      app.dynos.delete(dyno.id);
      running.delete(dyno);
    });
  };
  if (request.attach) {
    dyno.attachUrl = rendezvous.expect(start, attachTimeoutMs, () => {
      app.log.platform(dyno.name, 'Error: no client attached; the dyno was stopped');
      app.dynos.delete(dyno.id);
      running.delete(dyno);
    });
  } else {
    setImmediate(() => start());
  }
  return dyno;
}
