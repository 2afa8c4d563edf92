import { z } from 'zod';
import type { Permission } from '../auth/permissions.ts';

export const adoptionStates = ['submitted', 'under_review', 'approved', 'rejected', 'withdrawn', 'completed'] as const;
export const adoptionStateSchema = z.enum(adoptionStates);
export type AdoptionState = z.infer<typeof adoptionStateSchema>;

/** The only moves an adoption request can make. Anything else is refused with 409. */
export const transitions: Record<AdoptionState, readonly AdoptionState[]> = {
  submitted: ['under_review', 'withdrawn'],
  under_review: ['approved', 'rejected', 'withdrawn'],
  approved: ['completed'],
  rejected: [],
  withdrawn: [],
  completed: [],
};

/** Who may move a request into each state. */
export const permissionToEnter: Record<AdoptionState, Permission> = {
  submitted: 'adoptions.create',
  under_review: 'adoptions.review',
  withdrawn: 'adoptions.review',
  approved: 'adoptions.decide',
  rejected: 'adoptions.decide',
  completed: 'adoptions.complete',
};

/** What the animal becomes when a request enters a state (absent: unchanged). */
export const animalStatusOnEnter: Partial<Record<AdoptionState, 'reserved' | 'adopted'>> = {
  approved: 'reserved',
  completed: 'adopted',
};

export type TransitionCheck =
  | { ok: true }
  | { ok: false; reason: 'not_allowed'; from: AdoptionState; to: AdoptionState; allowed: readonly AdoptionState[] };

export function checkTransition(from: AdoptionState, to: AdoptionState): TransitionCheck {
  const allowed = transitions[from];
  return allowed.includes(to) ? { ok: true } : { ok: false, reason: 'not_allowed', from, to, allowed };
}
