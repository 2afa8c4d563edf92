import { describe, expect, it } from 'vitest';
import {
  allowedFrom,
  canMove,
  canMoveStep,
  deploymentStates,
  stepAllowedFrom,
  type StepState,
} from '../../src/deployments/deployment-state.ts';

const stepStates: StepState[] = ['pending', 'running', 'succeeded', 'failed', 'skipped', 'undone', 'undo_failed'];
const moves = <S extends string>(states: readonly S[], can: (a: S, b: S) => boolean) =>
  states.flatMap((from) => states.filter((to) => can(from, to)).map((to) => `${from} → ${to}`));

describe('the transition tables', () => {
  it('allow exactly these deployment moves', () => {
    expect(moves(deploymentStates, canMove)).toEqual([
      'queued → in_progress',
      'queued → failure',
      'queued → error',
      'queued → inactive',
      'in_progress → success',
      'in_progress → failure',
      'in_progress → error',
      'success → inactive',
    ]);
  });

  it('allow exactly these step moves', () => {
    expect(moves(stepStates, canMoveStep)).toEqual([
      'pending → running',
      'pending → skipped',
      'running → succeeded',
      'running → failed',
      'succeeded → undone',
      'succeeded → undo_failed',
      'failed → undone',
      'failed → undo_failed',
    ]);
  });

  it('give the store the states each move may start from', () => {
    expect(allowedFrom('error')).toEqual(['queued', 'in_progress']);
    expect(allowedFrom('queued')).toEqual([]);
    expect(stepAllowedFrom('undone')).toEqual(['succeeded', 'failed']);
  });
});
