import type { HookDelivery } from './hook-deliveries.ts';

/** A delivery GitHub never handed over: no attempt with that guid got a 2xx. */
export interface MissedDelivery {
  readonly guid: string;
  /** The attempt to ask GitHub to repeat (its latest). */
  readonly attemptId: number;
  readonly event: string;
  readonly deliveredAt: string;
}

const succeeded = (attempt: HookDelivery) => attempt.status_code >= 200 && attempt.status_code < 300;

/** Deliveries none of whose attempts succeeded, oldest first (so they arrive in the order they happened). */
export function missedDeliveries(attempts: readonly HookDelivery[]): MissedDelivery[] {
  const byGuid = new Map<string, HookDelivery[]>();
  for (const attempt of attempts) byGuid.set(attempt.guid, [...(byGuid.get(attempt.guid) ?? []), attempt]);
  const missed: MissedDelivery[] = [];
  for (const [guid, tries] of byGuid) {
    if (tries.some(succeeded)) continue;
    const first = tries.reduce((a, b) => (a.id < b.id ? a : b));
    const latest = tries.reduce((a, b) => (a.id > b.id ? a : b));
    missed.push({ guid, attemptId: latest.id, event: first.event, deliveredAt: first.delivered_at });
  }
  return missed.sort((a, b) => Date.parse(a.deliveredAt) - Date.parse(b.deliveredAt) || a.attemptId - b.attemptId);
}
