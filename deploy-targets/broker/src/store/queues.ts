import type { Pool } from 'pg';

export interface Queue {
  id: number;
  channel: string;
  consumer_id: number;
  consumer: string;
  created_at: string;
  /** Messages a pull would return now. */
  ready: number;
  /** Messages pulled and not yet acknowledged, still inside their visibility timeout. */
  in_flight: number;
}

interface QueueRow {
  id: string;
  channel: string;
  consumer_id: string;
  consumer: string;
  created_at: Date;
  ready: string;
  in_flight: string;
}

const toQueue = (r: QueueRow): Queue => ({
  id: Number(r.id),
  channel: r.channel,
  consumer_id: Number(r.consumer_id),
  consumer: r.consumer,
  created_at: r.created_at.toISOString(),
  ready: Number(r.ready),
  in_flight: Number(r.in_flight),
});

const queueSelect = `
  SELECT q.id, c.name AS channel, q.consumer_id, u.username AS consumer, q.created_at,
         count(m.id) FILTER (WHERE m.visible_at <= now()) AS ready,
         count(m.id) FILTER (WHERE m.visible_at > now()) AS in_flight
  FROM queues q
  JOIN channels c ON c.id = q.channel_id
  JOIN users u ON u.id = q.consumer_id
  LEFT JOIN queue_messages m ON m.queue_id = q.id`;

export type SubscribeResult =
  | { ok: true; created: boolean; queue: Queue }
  | { ok: false; reason: 'no-channel' | 'no-consumer' };

/** Creates the consumer's queue on the channel; subscribing twice returns the existing queue. */
export async function subscribe(pool: Pool, channel: string, consumerId: number): Promise<SubscribeResult> {
  const { rows } = await pool.query<{ channel_id: string | null; consumer_id: string | null; created: string | null }>(
    `WITH c AS (SELECT id FROM channels WHERE name = $1),
          u AS (SELECT id FROM users WHERE id = $2),
          ins AS (
            INSERT INTO queues (channel_id, consumer_id)
            SELECT c.id, u.id FROM c, u
            ON CONFLICT (channel_id, consumer_id) DO NOTHING
            RETURNING id)
     SELECT (SELECT id FROM c) AS channel_id, (SELECT id FROM u) AS consumer_id, (SELECT id FROM ins) AS created`,
    [channel, consumerId],
  );
  const row = rows[0];
  if (!row?.channel_id) return { ok: false, reason: 'no-channel' };
  if (!row.consumer_id) return { ok: false, reason: 'no-consumer' };
  const queue = await findQueue(pool, channel, consumerId);
  if (!queue) return { ok: false, reason: 'no-channel' }; // deleted in between
  return { ok: true, created: row.created !== null, queue };
}

export async function findQueue(pool: Pool, channel: string, consumerId: number): Promise<Queue | undefined> {
  const { rows } = await pool.query<QueueRow>(`${queueSelect} WHERE c.name = $1 AND q.consumer_id = $2 GROUP BY q.id, c.name, u.username`, [
    channel,
    consumerId,
  ]);
  return rows[0] ? toQueue(rows[0]) : undefined;
}

/** The channel's queues, or undefined when there is no such channel. */
export async function listQueues(pool: Pool, channel: string): Promise<Queue[] | undefined> {
  const exists = await pool.query('SELECT 1 FROM channels WHERE name = $1', [channel]);
  if (exists.rowCount === 0) return undefined;
  const { rows } = await pool.query<QueueRow>(`${queueSelect} WHERE c.name = $1 GROUP BY q.id, c.name, u.username ORDER BY q.id`, [channel]);
  return rows.map(toQueue);
}

export async function getQueue(pool: Pool, channel: string, queueId: number): Promise<Queue | undefined> {
  const { rows } = await pool.query<QueueRow>(`${queueSelect} WHERE c.name = $1 AND q.id = $2 GROUP BY q.id, c.name, u.username`, [
    channel,
    queueId,
  ]);
  return rows[0] ? toQueue(rows[0]) : undefined;
}

/** Unsubscribes: the queue and the messages still in it are deleted. */
export async function deleteQueue(pool: Pool, queueId: number): Promise<boolean> {
  const { rowCount } = await pool.query('DELETE FROM queues WHERE id = $1', [queueId]);
  return rowCount === 1;
}
