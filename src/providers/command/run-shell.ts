import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ShellResult {
  exitCode: number | null;
  /** Set when the command was stopped: by its timeout, or by the deployment being aborted. */
  stoppedBy?: 'timeout' | 'abort';
  lastLines: string[];
}

/**
 * Runs a shell command in its own process group and reports each output line as it comes.
 * The child gets only the environment it is given: the server's secrets are not inherited.
 */
export async function runShell(options: {
  command: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
  onLine: (line: string) => void;
}): Promise<ShellResult> {
  const child = spawn('/bin/sh', ['-c', options.command], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lastLines: string[] = [];
  const onLine = (line: string) => {
    lastLines.push(line);
    if (lastLines.length > 20) lastLines.shift();
    options.onLine(line);
  };
  const streams = [child.stdout, child.stderr].map((s) => {
    const rl = createInterface({ input: s, crlfDelay: Infinity });
    rl.on('line', onLine);
    return new Promise<void>((resolve) => rl.once('close', resolve));
  });
  let stoppedBy: ShellResult['stoppedBy'];
  const kill = (why: 'timeout' | 'abort') => {
    stoppedBy ??= why;
    try {
      process.kill(-child.pid!, 'SIGTERM');
      setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 5000).unref();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  const timer = setTimeout(() => kill('timeout'), options.timeoutMs);
  const onAbort = () => kill('abort');
  options.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code));
    });
    await Promise.all(streams);
    return { exitCode, stoppedBy, lastLines };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onAbort);
  }
}

/** The variables a deploy command may rely on, without the server's own (secret) environment. */
export function baseCommandEnv(serverEnv: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'TZ', 'NODE_OPTIONS'];
  return Object.fromEntries(keep.flatMap((k) => (serverEnv[k] ? [[k, serverEnv[k]]] : [])));
}
