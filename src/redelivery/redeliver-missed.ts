import type { Logger } from 'pino';
import { httpStatus } from '../github/github-client.ts';
import type { Database, Queryable } from '../store/database.ts';
import { claimRedelivery, knownDeliveryGuids, markRedeliveryRefused, releaseRedelivery } from '../store/redeliveries-store.ts';
import { listRecentDeliveries, type AppClient } from './hook-deliveries.ts';
import { missedDeliveries } from './missed-deliveries.ts';

export interface RedeliveryDeps {
  readonly db: Database;
  /** An App-authenticated (JWT) client, made when a scan starts. */
  readonly appClient: () => Promise<AppClient>;
  readonly log: Logger;
  readonly lookbackHours: number;
  readonly now?: () => Date;
}

export type ScanResult =
  | { ok: true; listed: number; missed: number; requested: number; refused: number }
  | { ok: false; reason: 'busy' | 'unsupported'; message: string };

/** Any constant: replicas on one PostgreSQL take turns on it, so one scans at a time. */
const SCAN_LOCK = 7_217_707;

/**
 * One pass: lists the App's recent delivery attempts, and asks GitHub to send again each delivery
 * that never got a 2xx and that Runway has neither stored nor asked for before. The webhook's own
 * dedupe (the `deliveries` table) makes an extra redelivery harmless; the claim keeps it to one.
 */
export async function redeliverMissed(deps: RedeliveryDeps): Promise<ScanResult> {
  return withScanLock(deps.db, async (q) => {
    const client = await deps.appClient();
    const since = new Date((deps.now?.() ?? new Date()).getTime() - deps.lookbackHours * 3_600_000);
    const listing = await listRecentDeliveries(client, since);
    if (!listing.ok) return listing;
    if (listing.truncated) deps.log.warn({ listed: listing.deliveries.length }, 'webhook deliveries: stopped listing after 50 pages');
    const missed = missedDeliveries(listing.deliveries);
    const known = await knownDeliveryGuids(
      q,
      missed.map((m) => m.guid),
    );
    let requested = 0;
    let refused = 0;
    for (const delivery of missed.filter((m) => !known.has(m.guid))) {
      if (!(await claimRedelivery(q, delivery))) continue;
      try {
        await client.request('POST /app/hook/deliveries/{delivery_id}/attempts', { delivery_id: delivery.attemptId });
        requested++;
        deps.log.info(
          { guid: delivery.guid, event: delivery.event, deliveredAt: delivery.deliveredAt },
          'asked GitHub to redeliver a missed webhook',
        );
      } catch (error) {
        const status = httpStatus(error);
        if (status !== undefined && status >= 400 && status < 500) {
          // Gone or too old to redeliver: asking again would get the same answer.
          await markRedeliveryRefused(q, delivery.guid);
          refused++;
          deps.log.warn({ guid: delivery.guid, status }, 'GitHub refused to redeliver a missed webhook');
        } else {
          await releaseRedelivery(q, delivery.guid);
          deps.log.warn({ guid: delivery.guid, err: error }, 'could not ask GitHub to redeliver a missed webhook; trying again next time');
        }
      }
    }
    return { ok: true, listed: listing.deliveries.length, missed: missed.length, requested, refused };
  });
}

/**
 * One scanner at a time: on PostgreSQL the replica holding a transaction-scoped advisory lock;
 * the others skip this round. The embedded store has one process, whose scheduler never overlaps
 * scans (and a long transaction there would hold up the webhook handlers).
 */
async function withScanLock(db: Database, scan: (q: Queryable) => Promise<ScanResult>): Promise<ScanResult> {
  if (db.engine === 'embedded') return scan(db);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [SCAN_LOCK]);
    if (!row?.locked) return { ok: false, reason: 'busy', message: 'another replica is scanning' };
    return scan(tx);
  });
}
