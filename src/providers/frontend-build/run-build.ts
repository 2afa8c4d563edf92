import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { StepFailedError } from '../../deployments/errors.ts';
import type { StepLog } from '../../deployments/step.ts';

export interface BuildCommand {
  readonly command: string;
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly log: StepLog;
  readonly signal: AbortSignal;
}

/** Runs a shell command, streaming each output line into the log; a non-zero exit is a StepFailedError. */
export async function runBuild({ command, cwd, env, log, signal }: BuildCommand): Promise<void> {
  signal.throwIfAborted();
  // detached: the command gets its own process group, so cancelling kills what the shell started too.
  const child = spawn('sh', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const killGroup = (): void => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  };
  signal.addEventListener('abort', killGroup, { once: true });
  const lines = [child.stdout, child.stderr].map(
    (stream) =>
      new Promise<void>((resolve) => {
        const reader = createInterface({ input: stream, crlfDelay: Infinity });
        reader.on('line', (line) => log.line(line));
        reader.on('close', resolve);
      }),
  );
  try {
    const [code, killedBy] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
    });
    await Promise.all(lines);
    signal.throwIfAborted();
    if (code !== 0) {
      throw new StepFailedError(`build command failed (${killedBy === null ? `exit code ${String(code)}` : `killed by ${killedBy}`}): ${command}`);
    }
  } finally {
    signal.removeEventListener('abort', killGroup);
  }
}
