import { ProviderError } from '../deployments/errors.ts';
import type { CommandSandbox, SandboxRequest } from '../sandbox/command-sandbox.ts';
import { launcher } from './launcher.ts';

export interface ShellResult {
  exitCode: number | null;
  /** The signal that ended the command, if one did. */
  signal: NodeJS.Signals | null;
  /** Set when the command was stopped: by its timeout, or by the deployment being aborted. */
  stoppedBy?: 'timeout' | 'abort';
  lastLines: string[];
}

/** The log line that follows the last one of a command that was stopped, once it has ended. */
export const STOPPED_LINE = '■ the command was stopped and has ended';

/**
 * Runs a shell command in the command sandbox (through the command launcher) and reports each
 * output line as it comes. The command gets only the environment it is given: the server's
 * secrets are not inherited. A timeout or an abort sends SIGTERM to the group, SIGKILL 5 s later.
 * A sandbox that does not work refuses the command (a ProviderError that says why). A stopped
 * command's last line is STOPPED_LINE, reported once the command and everything it started ended.
 */
export async function runShell(options: {
  command: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
  onLine: (line: string) => void;
  sandbox: { use: CommandSandbox } & SandboxRequest;
}): Promise<ShellResult> {
  options.signal.throwIfAborted();
  const { use, ...request } = options.sandbox;
  const prepared = await use.prepare(request);
  if (!prepared.ok) throw new ProviderError(prepared.reason);
  // Preparing takes a moment (and waits for the start-up self-test): the step may be aborted meanwhile.
  options.signal.throwIfAborted();
  if (!prepared.run) options.onLine(prepared.notice);
  const env = prepared.run ? prepared.env(options.env) : options.env;
  const lastLines: string[] = [];
  const run = launcher().run({ command: options.command, cwd: options.cwd, env, sandbox: prepared.run }, (line) => {
    lastLines.push(line);
    if (lastLines.length > 20) lastLines.shift();
    options.onLine(line);
  });
  let stoppedBy: ShellResult['stoppedBy'];
  let forceKill: NodeJS.Timeout | undefined;
  const stop = (why: 'timeout' | 'abort') => {
    stoppedBy ??= why;
    run.kill('SIGTERM');
    forceKill ??= setTimeout(() => run.kill('SIGKILL'), 5000);
  };
  const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
  const onAbort = () => stop('abort');
  options.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const { code, signal } = await run.exit;
    // Said once it has really ended: the log then shows when a stopped command let go of its environment.
    if (stoppedBy) options.onLine(`${STOPPED_LINE} (${stoppedBy === 'timeout' ? 'its timeout' : 'the deployment was stopped'})`);
    return { exitCode: code, signal, stoppedBy, lastLines };
  } finally {
    clearTimeout(timer);
    clearTimeout(forceKill);
    options.signal.removeEventListener('abort', onAbort);
  }
}

/**
 * The variables a deploy or build command may rely on: only what tools need to run, never the
 * server's own environment (the GitHub key, AWS and Heroku credentials live there too).
 */
export function baseCommandEnv(serverEnv: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'NODE_OPTIONS', 'npm_config_cache'];
  return Object.fromEntries(keep.flatMap((k) => (serverEnv[k] ? [[k, serverEnv[k]]] : [])));
}
