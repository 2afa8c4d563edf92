import type { Logger } from 'pino';
import type { Queryable } from '../store/database.ts';
import { insertSteps, moveStep } from '../store/steps-store.ts';
import type { DeploymentLog } from './deployment-log.ts';
import { CancelledError } from '../flow/cancelled-error.ts';
import { DeployError } from './errors.ts';
import type { Step, StepContext } from './step.ts';
import { formatMinutes, timeLimit, TimeLimitError } from './time-limit.ts';

export type StepsOutcome =
  | { ok: true; summaries: string[]; headlines: string[] }
  | { ok: false; failedStep: string; error: unknown; summaries: string[]; undone: string[] };

export interface RunStepsInput {
  db: Queryable;
  deploymentId: number;
  steps: Step[];
  ctx: StepContext;
  log: DeploymentLog;
  serverLog: Logger;
  /** Hard limit on each step (the environment's `step_timeout_minutes`). */
  stepTimeoutMinutes: number;
  /** Told after each step changed state (the PR comment follows the steps). */
  onChange?: () => Promise<void>;
}

/**
 * Runs the steps in order, each within its time limit. When one fails, the steps that completed are
 * undone in reverse order (a Heroku release is rolled back, a frontend re-synced), and their
 * summaries say what was done.
 */
export async function runSteps(input: RunStepsInput): Promise<StepsOutcome> {
  const { db, deploymentId, steps, ctx, log, serverLog, stepTimeoutMinutes } = input;
  const onChange = input.onChange ?? (async () => undefined);
  await insertSteps(
    db,
    deploymentId,
    steps.map((s) => s.name),
  );
  await onChange();
  const completed: { step: Step; position: number }[] = [];
  const summaries: string[] = [];
  const headlines: string[] = [];
  for (const [position, step] of steps.entries()) {
    log.setStep(step.name);
    await moveStep(db, deploymentId, position, 'running');
    await onChange();
    log.line(`▶ ${step.name}: ${step.describe()}`);
    const started = Date.now();
    const limit = timeLimit(
      ctx.signal,
      stepTimeoutMinutes * 60_000,
      () => new TimeLimitError(`${step.name} ran longer than ${formatMinutes(stepTimeoutMinutes)} (step_timeout_minutes) and was stopped`),
    );
    let running: Promise<unknown> | undefined;
    try {
      limit.signal.throwIfAborted();
      const work = step.run({ ...ctx, signal: limit.signal });
      running = work;
      const outcome = await limit.race(work);
      for (const [k, v] of Object.entries(outcome?.outputs ?? {})) ctx.outputs.set(k, v);
      if (outcome?.summary) summaries.push(log.redactor.redact(outcome.summary));
      if (outcome?.headline) headlines.push(log.redactor.redact(outcome.headline));
      await moveStep(db, deploymentId, position, 'succeeded', redacted(log, outcome?.summary));
      await onChange();
      log.line(`✔ ${step.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      completed.push({ step, position });
    } catch (thrown) {
      // Stopped: a step that listens to its signal (a command, a build) ends its processes; wait for
      // that, a bounded time, so that neither the undo nor the next deployment of the environment
      // starts while they still run.
      if (limit.signal.aborted && running) await settledWithin(running, STOP_GRACE_MS);
      // A step told to stop by a time limit may fail with its own AbortError: the limit is the reason.
      const error: unknown = limit.signal.aborted && limit.signal.reason instanceof DeployError ? limit.signal.reason : thrown;
      const message = describeError(error);
      if (!(error instanceof DeployError))
        serverLog.error({ err: error, deployment: deploymentId, step: step.name }, 'step failed unexpectedly');
      log.line(`✖ ${step.name}: ${message}`);
      await moveStep(db, deploymentId, position, 'failed', redacted(log, message));
      for (const later of steps.slice(position + 1).keys()) await moveStep(db, deploymentId, position + 1 + later, 'skipped');
      // `/cancel --no-undo` leaves what completed as it is; every other failure undoes it.
      const keep = error instanceof CancelledError && !error.undo;
      if (keep) log.line(`completed steps left as they are (--no-undo): ${completed.map((c) => c.step.name).join(', ') || 'none'}`);
      const undone = keep ? { summaries: [], names: [] } : await undoCompleted(db, deploymentId, completed, ctx, log, serverLog);
      await onChange();
      return { ok: false, failedStep: step.name, error, summaries: undone.summaries, undone: undone.names };
    } finally {
      limit.clear();
    }
  }
  log.setStep(null);
  return { ok: true, summaries, headlines };
}

async function undoCompleted(
  db: Queryable,
  deploymentId: number,
  completed: { step: Step; position: number }[],
  ctx: StepContext,
  log: DeploymentLog,
  serverLog: Logger,
): Promise<{ summaries: string[]; names: string[] }> {
  const summaries: string[] = [];
  const names: string[] = [];
  // Undo must run even when the deployment was aborted: give it a signal of its own.
  const undoCtx: StepContext = { ...ctx, signal: AbortSignal.timeout(15 * 60_000) };
  for (const { step, position } of completed.reverse()) {
    if (!step.undo) continue;
    log.setStep(step.name);
    log.line(`↩ undoing ${step.name}`);
    try {
      const outcome = await step.undo(undoCtx);
      if (outcome?.summary) summaries.push(log.redactor.redact(outcome.summary));
      names.push(step.name);
      await moveStep(db, deploymentId, position, 'undone', redacted(log, outcome?.summary));
      log.line(`↩ ${step.name} undone${outcome?.summary ? `: ${outcome.summary}` : ''}`);
    } catch (error) {
      const message = describeError(error);
      if (!(error instanceof DeployError))
        serverLog.error({ err: error, deployment: deploymentId, step: step.name }, 'undo failed unexpectedly');
      log.line(`✖ could not undo ${step.name}: ${message}`);
      summaries.push(log.redactor.redact(`could not undo ${step.name}: ${message}`));
      await moveStep(db, deploymentId, position, 'undo_failed', redacted(log, message));
    }
  }
  log.setStep(null);
  return { summaries, names };
}

/** How long a stopped step may take to end (a command gets SIGKILL 5 s after SIGTERM). */
export const STOP_GRACE_MS = 10_000;

async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.then(noop, noop), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

const noop = () => undefined;

/** The message a user may read: a DeployError's own, else a generic one (details go to the server log). */
export function describeError(error: unknown): string {
  if (error instanceof DeployError) return error.message;
  if (error instanceof Error && error.name === 'AbortError') return 'stopped';
  return 'internal error (see the Runway server log)';
}

/** Step summaries reach the log page and the PR comment: they pass the deployment's own redactor too. */
function redacted(log: DeploymentLog, text: string | undefined): string | undefined {
  return text === undefined ? undefined : log.redactor.redact(text);
}
