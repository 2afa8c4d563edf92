import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

export type PublishResult = { ok: true; message_id: string; queued: number } | { ok: false; reason: 'no-channel' };

/**
 * Fan-out in one statement: a copy of the message goes into every queue of the channel, so a
 * concurrent reader sees it in all queues or in none.
 */
export async function publish(pool: Pool, channel: string, payload: unknown): Promise<PublishResult> {
  const messageId = randomUUID();
  const { rows } = await pool.query<{ channel_found: boolean; queued: string }>(
    `WITH c AS (SELECT id FROM channels WHERE name = $1),
          ins AS (
            INSERT INTO queue_messages (queue_id, message_id, payload)
            SELECT q.id, $2, $3::jsonb FROM queues q JOIN c ON q.channel_id = c.id
            RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM c) AS channel_found, (SELECT count(*) FROM ins) AS queued`,
    [channel, messageId, JSON.stringify(payload)],
  );
  const row = rows[0];
  if (!row?.channel_found) return { ok: false, reason: 'no-channel' };
  return { ok: true, message_id: messageId, queued: Number(row.queued) };
}

export interface Delivery {
  message_id: string;
  /** Changes on every pull; acknowledge with it. An older receipt no longer acknowledges. */
  receipt: string;
  payload: unknown;
  published_at: string;
  /** 1 on the first delivery, 2 after one visibility timeout ran out unacknowledged, … */
  attempt: number;
  visible_again_at: string;
}

interface DeliveryRow {
  id: string;
  message_id: string;
  receipt: string;
  payload: unknown;
  published_at: Date;
  attempts: number;
  visible_at: Date;
}

/**
 * Leases up to `max` visible messages of the queue, oldest first, for `visibilitySeconds`.
 * SKIP LOCKED lets concurrent pulls take different rows instead of waiting for, or doubling, each other's.
 */
export async function pull(pool: Pool, queueId: number, max: number, visibilitySeconds: number): Promise<Delivery[]> {
  const { rows } = await pool.query<DeliveryRow>(
    `WITH next AS (
       SELECT id FROM queue_messages
       WHERE queue_id = $1 AND visible_at <= clock_timestamp()
       ORDER BY id
       LIMIT $2
       FOR UPDATE SKIP LOCKED)
     UPDATE queue_messages m
     SET attempts = m.attempts + 1,
         visible_at = clock_timestamp() + make_interval(secs => $3),
         receipt = gen_random_uuid()
     FROM next WHERE m.id = next.id
     RETURNING m.id, m.message_id, m.receipt, m.payload, m.published_at, m.attempts, m.visible_at`,
    [queueId, max, visibilitySeconds],
  );
  return rows
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((r) => ({
      message_id: r.message_id,
      receipt: r.receipt,
      payload: r.payload,
      published_at: r.published_at.toISOString(),
      attempt: r.attempts,
      visible_again_at: r.visible_at.toISOString(),
    }));
}

/** Deletes the messages whose current receipts are given; returns the receipts that matched. */
export async function ack(pool: Pool, queueId: number, receipts: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ receipt: string }>(
    'DELETE FROM queue_messages WHERE queue_id = $1 AND receipt = ANY($2::uuid[]) RETURNING receipt',
    [queueId, receipts],
  );
  return rows.map((r) => r.receipt);
}
