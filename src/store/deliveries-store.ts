import type { Queryable } from './database.ts';

/**
 * Records a webhook delivery id. Returns false when it was recorded before: GitHub's manual
 * redelivery reuses the id, and such a delivery must not act twice.
 */
export async function recordDelivery(tx: Queryable, id: string, event: string): Promise<boolean> {
  const rows = await tx.query('INSERT INTO deliveries (id, event) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id', [id, event]);
  return rows.length > 0;
}
