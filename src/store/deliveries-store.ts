import type { Queryable } from './database.ts';

/**
 * Records a webhook delivery id. Returns false when it was recorded before: GitHub's manual
 * redelivery reuses the id, and such a delivery must not act twice.
 */
export async function recordDelivery(tx: Queryable, id: string, event: string): Promise<boolean> {
  const rows = await tx.query('INSERT INTO deliveries (id, event) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id', [id, event]);
  return rows.length > 0;
}

/** Forgets delivery ids received before `before`; returns how many. GitHub's redelivery UI offers the last 3 days. */
export async function purgeDeliveries(db: Queryable, before: Date): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'WITH gone AS (DELETE FROM deliveries WHERE received_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
    [before],
  );
  return Number(rows[0]?.n ?? 0);
}
