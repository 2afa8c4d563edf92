import { fork, type ChildProcess } from 'node:child_process';
import type { SandboxRun } from '../sandbox/sandbox-run.ts';
import type { FromLauncher, ToLauncher } from './launcher-messages.ts';

/** Where the launcher finds sh, bwrap, slirp4netns, nsenter, ip and prlimit. */
const launcherPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

interface Pending {
  onLine: (line: string) => void;
  resolve: (exit: { code: number | null; signal: NodeJS.Signals | null }) => void;
  reject: (error: Error) => void;
}

/** Runway's side of the command launcher (see launcher-process.ts for why it exists). */
class Launcher {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, Pending>();
  #next = 1;
  #idleStop: NodeJS.Timeout | undefined;

  constructor() {
    // Compiled (dist/, `.js`) the launcher is plain JavaScript; from source (tsx) it needs tsx too.
    const compiled = import.meta.url.endsWith('.js');
    this.#child = fork(new URL(`./launcher-process.${compiled ? 'js' : 'ts'}`, import.meta.url).pathname, [], {
      execArgv: compiled ? [] : ['--import', 'tsx'],
      // The launcher holds none of Runway's secrets: its environment is this PATH and nothing else.
      env: { PATH: launcherPath },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (m: FromLauncher) => this.#receive(m));
    this.#child.once('exit', () => {
      for (const p of this.#pending.values()) p.reject(new Error('the command launcher stopped'));
      this.#pending.clear();
      if (current === this) current = undefined;
    });
    this.#idle();
  }

  run(
    { command, cwd, env, sandbox }: { command: string; cwd: string; env: Record<string, string>; sandbox: SandboxRun | undefined },
    onLine: (line: string) => void,
  ) {
    const id = this.#next++;
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      this.#pending.set(id, { onLine, resolve, reject });
    });
    clearTimeout(this.#idleStop);
    // While a command runs, the channel keeps this process alive to hear how it ended.
    this.#child.channel?.ref();
    this.#send({ type: 'run', id, command, cwd, env, ...(sandbox ? { sandbox } : {}) });
    return { exit, kill: (signal: NodeJS.Signals) => this.#pending.has(id) && this.#send({ type: 'kill', id, signal }) };
  }

  stop(): void {
    // A launcher that already died has no channel left: disconnecting it would emit an unheard 'error'.
    if (this.#child.connected) this.#child.disconnect();
  }

  #send(message: ToLauncher): void {
    this.#child.send(message);
  }

  #receive(m: FromLauncher): void {
    const p = this.#pending.get(m.id);
    if (!p) return;
    if (m.type === 'line') return p.onLine(m.line);
    this.#pending.delete(m.id);
    if (m.type === 'exit') p.resolve({ code: m.code, signal: m.signal });
    else p.reject(new Error(m.message));
    this.#idle();
  }

  /**
   * An idle launcher never keeps Runway (or a test run) from exiting; the shared one stops after
   * `idleStopMs` without a command, and the next command starts another.
   */
  #idle(): void {
    if (this.#pending.size > 0) return;
    this.#child.unref();
    this.#child.channel?.unref();
    if (current !== this) return;
    clearTimeout(this.#idleStop);
    this.#idleStop = setTimeout(() => {
      if (current !== this || this.#pending.size > 0) return;
      current = undefined;
      this.stop();
    }, idleStopMs).unref();
  }
}

let current: Launcher | undefined;
/** How many running Runways hold the launcher (tests run several in one process). */
let holders = 0;
/** How long the shared launcher stays without a command (a minute: deploys in a burst share one). */
let idleStopMs = 60_000;

/**
 * The shared launcher, started on first use (a command) and stopped after a minute without one: an
 * idle Runway does not pay for a second Node process (about 40 MiB). Starting it again costs one
 * fork of Runway's ~100 MiB process (milliseconds) and a Node start in the new process.
 */
export function launcher(): Launcher {
  current ??= new Launcher();
  return current;
}

/** Marks a running Runway as a user of the shared launcher; nothing is started until a command runs. */
export function holdLauncher(options: { idleStopMs?: number } = {}): void {
  holders++;
  if (options.idleStopMs !== undefined) idleStopMs = options.idleStopMs;
}

/** Lets go of the launcher; the last holder stops it, killing commands still running. */
export function stopLauncher(): void {
  holders = Math.max(0, holders - 1);
  if (holders > 0) return;
  current?.stop();
  current = undefined;
}

/**
 * Runs `use` with a launcher of its own, stopped once `use` has settled: for a one-off check (the
 * sandbox's start-up self-test) that must not leave a process behind in an idle Runway.
 */
export async function withOwnLauncher<T>(use: (own: Pick<Launcher, 'run'>) => Promise<T>): Promise<T> {
  const own = new Launcher();
  try {
    return await use(own);
  } finally {
    own.stop();
  }
}
