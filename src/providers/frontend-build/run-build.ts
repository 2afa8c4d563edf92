import { StepFailedError } from '../../deployments/errors.ts';
import type { StepLog } from '../../deployments/step.ts';
import type { CommandSandbox, SandboxRequest } from '../../sandbox/command-sandbox.ts';
import { runShell } from '../../shell/run-shell.ts';

export interface BuildCommand {
  readonly command: string;
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly log: StepLog;
  readonly signal: AbortSignal;
  readonly sandbox: { use: CommandSandbox } & SandboxRequest;
}

/** A build that runs longer than this is stopped (a hung `npm ci` must not hold its environment forever). */
const BUILD_TIMEOUT_MS = 30 * 60_000;

/** Runs a shell command, streaming each output line into the log; a non-zero exit is a StepFailedError. */
export async function runBuild({ command, cwd, env, log, signal, sandbox }: BuildCommand): Promise<void> {
  const result = await runShell({ command, cwd, env, timeoutMs: BUILD_TIMEOUT_MS, signal, sandbox, onLine: (line) => log.line(line) });
  signal.throwIfAborted();
  if (result.stoppedBy === 'timeout')
    throw new StepFailedError(`build command timed out after ${BUILD_TIMEOUT_MS / 60_000} minutes: ${command}`);
  if (result.exitCode !== 0) {
    throw new StepFailedError(
      `build command failed (${result.signal === null ? `exit code ${String(result.exitCode)}` : `killed by ${result.signal}`}): ${command}`,
    );
  }
}
