import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { closeInheritedFds } from '../sandbox/close-inherited-fds.ts';
import { startSandboxed } from '../sandbox/start-sandboxed.ts';
import type { FromLauncher, ToLauncher } from './launcher-messages.ts';

/**
 * The command launcher: a small process that starts deploy commands for Runway. Starting a child
 * from a large process (Runway on PGlite held ~0.9 GB) freezes its event loop for tens
 * of milliseconds while the kernel copies its page tables; from this process it takes about one.
 * Each command runs in its own process group, so stopping it stops everything it started; with a
 * sandbox, in bubblewrap (see start-sandboxed.ts), whose PID namespace ends with it.
 */
const running = new Map<number, ChildProcess>();
const send = (message: FromLauncher) => process.send?.(message);
// fd 3 is the IPC channel (Runway forks this process with stdio ignore, inherit, inherit, ipc).
closeInheritedFds([3]);

process.on('message', (message: ToLauncher) => {
  if (message.type === 'kill') {
    const child = running.get(message.id);
    if (child?.pid !== undefined) killGroup(child.pid, message.signal);
    return;
  }
  const sandboxed = message.sandbox ? startSandboxed(message.sandbox, message.command, message.cwd, message.env) : undefined;
  const child =
    sandboxed?.child ??
    spawn('/bin/sh', ['-c', message.command], { cwd: message.cwd, env: message.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  sandboxed?.started.catch((error: Error) => send({ type: 'line', id: message.id, line: error.message }));
  running.set(message.id, child);
  const streams = [child.stdout!, child.stderr!].map((stream) => {
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    lines.on('line', (line) => send({ type: 'line', id: message.id, line }));
    return new Promise<void>((resolve) => lines.once('close', resolve));
  });
  child.once('error', (error) => {
    running.delete(message.id);
    send({ type: 'error', id: message.id, message: error.message });
  });
  child.once('close', (code, signal) => {
    running.delete(message.id);
    sandboxed?.cleanup();
    void Promise.all(streams).then(() => send({ type: 'exit', id: message.id, code, signal }));
  });
});

// Runway went away (stopped, or killed): its commands must not outlive it.
process.on('disconnect', () => {
  for (const child of running.values()) if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
  process.exit(0);
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
