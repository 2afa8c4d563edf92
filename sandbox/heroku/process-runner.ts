import { spawn } from 'node:child_process';

export interface RunningProcess {
  readonly pid: number;
  /** Exit code (128 + signal number when killed by a signal, as a shell reports it). */
  readonly exited: Promise<number>;
  readonly hasExited: () => boolean;
  /** SIGTERM to the whole process group, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<number>;
}

export interface RunOptions {
  command: string;
  cwd: string;
  env: Record<string, string>;
  onOutput: (text: string) => void;
}

const signalNumbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** What a dyno inherits from this machine: enough to find node, npm and psql, nothing else. */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin' };
  for (const key of ['HOME', 'LANG', 'TMPDIR', 'TZ']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** Runs a Procfile-style command with `bash -c` in a process group of its own. */
export function runProcess(opts: RunOptions): RunningProcess {
  const child = spawn('bash', ['-c', opts.command], {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let done = false;
  child.stdout.setEncoding('utf8').on('data', opts.onOutput);
  child.stderr.setEncoding('utf8').on('data', opts.onOutput);
  const exited = new Promise<number>((resolve) => {
    child.on('error', (error) => {
      opts.onOutput(`${error.message}\n`);
      done = true;
      resolve(127);
    });
    child.on('close', (code, signal) => {
      done = true;
      resolve(code ?? 128 + (signal ? (signalNumbers[signal] ?? 0) : 0));
    });
  });
  const pid = child.pid ?? -1;
  const kill = (signal: NodeJS.Signals): void => {
    if (done || pid < 0) return;
    try {
      process.kill(-pid, signal);
    } catch (error) {
      // ESRCH: the group is already gone, which is what we wanted.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  return {
    pid,
    exited,
    hasExited: () => done,
    async stop(graceMs = 3000) {
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
