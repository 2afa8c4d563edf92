import type { Queryable } from '../../store/database.ts';
import { deliveryHistory } from '../../store/delivery-history.ts';
import { deliveryByEnvironment, WINDOWS_DAYS, type EnvironmentDelivery } from './delivery-metrics.ts';

const DAY_MS = 86_400_000;
/** Figures over days need no second-level freshness: computed at most this often per process. */
export const DELIVERY_CACHE_MS = 60_000;

const cache = new WeakMap<Queryable, { at: number; figures: Promise<EnvironmentDelivery[]> }>();

/**
 * Delivery figures as of now (at most a minute old), of the given repositories (undefined: all).
 * Computed for every repository at once and filtered afterwards, so every viewer shares one
 * computation. Reads one day more than the longest window, so a rollback just after a window's
 * start still counts against its change.
 */
export async function deliveryNow(db: Queryable, repositories?: readonly string[]): Promise<EnvironmentDelivery[]> {
  const now = Date.now();
  let hit = cache.get(db);
  if (!hit || now - hit.at >= DELIVERY_CACHE_MS) {
    const longest = Math.max(...WINDOWS_DAYS);
    const figures = deliveryHistory(db, new Date(now - (longest + 1) * DAY_MS)).then((h) => deliveryByEnvironment(h, new Date(now)));
    hit = { at: now, figures };
    cache.set(db, hit);
    // A failed computation is not kept: the next page computes again.
    figures.catch(() => cache.delete(db));
  }
  const all = await hit.figures;
  if (!repositories) return all;
  const readable = new Set(repositories);
  return all.filter((e) => readable.has(`${e.owner}/${e.repo}`));
}
