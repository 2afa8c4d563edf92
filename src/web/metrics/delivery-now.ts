import type { Queryable } from '../../store/database.ts';
import { deliveryHistory } from '../../store/delivery-history.ts';
import { deliveryByEnvironment, WINDOWS_DAYS, type EnvironmentDelivery } from './delivery-metrics.ts';

const DAY_MS = 86_400_000;

/**
 * Delivery figures as of now, of the given repositories (undefined: all). Reads one day more than
 * the longest window, so a rollback just after a window's start still counts against its change.
 */
export async function deliveryNow(db: Queryable, repositories?: readonly string[]): Promise<EnvironmentDelivery[]> {
  const now = new Date();
  const longest = Math.max(...WINDOWS_DAYS);
  return deliveryByEnvironment(await deliveryHistory(db, new Date(now.getTime() - (longest + 1) * DAY_MS), repositories), now);
}
