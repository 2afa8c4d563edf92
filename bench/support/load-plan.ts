/**
 * Which deliveries the load generator sends, in order: one per distinct GitHub deployment, plus a
 * share of duplicates of earlier ones. Half of the duplicates are GitHub redeliveries (same
 * `X-GitHub-Delivery`, same body), half a re-send under a new delivery id (another tool posting the
 * same deployment): both must leave one deployment in Runway's store.
 */
import { randomUUID } from 'node:crypto';

export interface PlannedDelivery {
  deliveryId: string;
  /** Index into the bodies the load worker holds (one per distinct deployment). */
  body: number;
  duplicate: boolean;
}

export function planDeliveries(total: number, duplicateShare: number, random: () => number = Math.random): PlannedDelivery[] {
  const plan: PlannedDelivery[] = [];
  const firsts: PlannedDelivery[] = [];
  let duplicates = 0;
  for (let i = 0; i < total; i++) {
    // Keep the share exact over the run, and only duplicate what went out at least ~20 sends earlier
    // (GitHub's redelivery comes later than the first attempt, not in the same millisecond).
    const wantDuplicate = firsts.length > 20 && duplicates < Math.round((i + 1) * duplicateShare);
    if (wantDuplicate) {
      const original = firsts[Math.floor(random() * (firsts.length - 20))]!;
      const sameId = duplicates % 2 === 0;
      plan.push({ deliveryId: sameId ? original.deliveryId : randomUUID(), body: original.body, duplicate: true });
      duplicates++;
    } else {
      const first = { deliveryId: randomUUID(), body: firsts.length, duplicate: false };
      firsts.push(first);
      plan.push(first);
    }
  }
  return plan;
}

export function distinctCount(plan: PlannedDelivery[]): number {
  return plan.filter((p) => !p.duplicate).length;
}
