/**
 * Deployment states (GitHub's deployment status states that Runway uses) and the only moves
 * between them. Every state change goes through `allowedFrom`, in the store's UPDATE, so a late or
 * repeated writer can never move a deployment backwards.
 */
export const deploymentStates = ['queued', 'in_progress', 'success', 'failure', 'error', 'inactive'] as const;
export type DeploymentState = (typeof deploymentStates)[number];

const moves: Record<DeploymentState, readonly DeploymentState[]> = {
  // `inactive` from `queued`: a merge deployment superseded by a newer one before it started.
  queued: ['in_progress', 'failure', 'error', 'inactive'],
  in_progress: ['success', 'failure', 'error'],
  success: ['inactive'],
  failure: [],
  error: [],
  inactive: [],
};

export function canMove(from: DeploymentState, to: DeploymentState): boolean {
  return moves[from].includes(to);
}

/** The states from which `to` may be reached. */
export function allowedFrom(to: DeploymentState): DeploymentState[] {
  return deploymentStates.filter((from) => canMove(from, to));
}

export const finalStates: readonly DeploymentState[] = ['success', 'failure', 'error', 'inactive'];

/** Step states, shown on the log page and in the PR comment. */
export type StepState = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'undone' | 'undo_failed';

const stepMoves: Record<StepState, readonly StepState[]> = {
  pending: ['running', 'skipped'],
  running: ['succeeded', 'failed'],
  succeeded: ['undone', 'undo_failed'],
  failed: ['undone', 'undo_failed'],
  skipped: [],
  undone: [],
  undo_failed: [],
};

export function canMoveStep(from: StepState, to: StepState): boolean {
  return stepMoves[from].includes(to);
}

export function stepAllowedFrom(to: StepState): StepState[] {
  return (Object.keys(stepMoves) as StepState[]).filter((from) => canMoveStep(from, to));
}
