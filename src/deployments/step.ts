import type { DeploymentRef } from './deployment-ref.ts';

/** Where a step writes what it does; every line ends up on the deployment's log page, redacted. */
export interface StepLog {
  line(text: string): void;
}

/** A checkout of the repository at the deployment's SHA, fetched once per deployment on first use. */
export interface SourceTree {
  /** Absolute path of the checkout's root folder. */
  dir(): Promise<string>;
}

/** Values that steps publish for later steps, such as `backend.url`. */
export type StepOutputs = Map<string, string>;

export interface StepContext {
  readonly deployment: DeploymentRef;
  readonly log: StepLog;
  readonly outputs: StepOutputs;
  readonly source: SourceTree;
  readonly signal: AbortSignal;
  /** Registers a value that must never leave the process (it is replaced by *** in logs, statuses, comments). */
  secret(value: string): void;
  /** CIDRs of private, loopback or link-local addresses the operator's policy opens to this repository. */
  readonly network: readonly string[];
}

export interface StepOutcome {
  /** Published for later steps (merged into the context's outputs). */
  outputs?: Record<string, string>;
  /** One line that the log page and the PR comment show beside the step, such as "rolled back to v12". */
  summary?: string;
  /**
   * A few words for the deployment status when everything succeeded, from the steps that changed
   * what is live (`released v12`, `synced 3 files`); GitHub allows 140 characters for all of them.
   */
  headline?: string;
}

/**
 * One unit of a deployment plan. `run` does the work; `undo` (optional) reverses it after a later
 * step failed. Expected failures throw a DeployError subclass whose message a user may read.
 */
export interface Step {
  /** Dotted name shown in the log and the PR comment: `backend.release`, `frontend.sync`. */
  readonly name: string;
  /** One line for `--dry-run`: what this step would do, with the real app, bucket or command. */
  describe(): string;
  run(ctx: StepContext): Promise<StepOutcome | void>;
  undo?(ctx: StepContext): Promise<StepOutcome | void>;
}
