import type { Queryable } from './database.ts';

/**
 * Every statement on `webhook_redeliveries` (migration 007): the failed deliveries Runway asked
 * GitHub to send again, so that each is asked for once, by whichever replica got there first.
 */

/** Of `guids`, those already stored as received deliveries or already asked for again. */
export async function knownDeliveryGuids(tx: Queryable, guids: readonly string[]): Promise<Set<string>> {
  if (guids.length === 0) return new Set();
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM deliveries WHERE id = ANY($1::text[])
     UNION SELECT guid FROM webhook_redeliveries WHERE guid = ANY($1::text[])`,
    [guids],
  );
  return new Set(rows.map((r) => r.id));
}

/** Claims a guid before asking GitHub; false when another scan claimed it first. */
export async function claimRedelivery(tx: Queryable, claim: { guid: string; attemptId: number; event: string }): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO webhook_redeliveries (guid, attempt_id, event, outcome) VALUES ($1, $2, $3, 'requested')
     ON CONFLICT DO NOTHING RETURNING guid`,
    [claim.guid, claim.attemptId, claim.event],
  );
  return rows.length > 0;
}

/** GitHub refused the attempt for good (gone, too old): kept, so it is not asked again. */
export async function markRedeliveryRefused(tx: Queryable, guid: string): Promise<void> {
  await tx.query(`UPDATE webhook_redeliveries SET outcome = 'refused' WHERE guid = $1`, [guid]);
}

/** The request did not reach GitHub: the next scan may ask again. */
export async function releaseRedelivery(tx: Queryable, guid: string): Promise<void> {
  await tx.query('DELETE FROM webhook_redeliveries WHERE guid = $1', [guid]);
}
