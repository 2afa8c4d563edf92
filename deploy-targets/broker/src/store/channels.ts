import type { Pool } from 'pg';

export interface Channel {
  id: number;
  name: string;
  created_at: string;
  queues: number;
}

interface ChannelRow {
  id: string;
  name: string;
  created_at: Date;
  queues: string;
}

const toChannel = (r: ChannelRow): Channel => ({
  id: Number(r.id),
  name: r.name,
  created_at: r.created_at.toISOString(),
  queues: Number(r.queues),
});

export type CreateChannelResult = { ok: true; channel: Channel } | { ok: false; reason: 'name-taken' };

export async function createChannel(pool: Pool, name: string): Promise<CreateChannelResult> {
  const { rows } = await pool.query<ChannelRow>(
    `INSERT INTO channels (name) VALUES ($1) ON CONFLICT (name) DO NOTHING
     RETURNING id, name, created_at, 0 AS queues`,
    [name],
  );
  const row = rows[0];
  return row ? { ok: true, channel: toChannel(row) } : { ok: false, reason: 'name-taken' };
}

export async function listChannels(pool: Pool): Promise<Channel[]> {
  const { rows } = await pool.query<ChannelRow>(
    `SELECT c.id, c.name, c.created_at, count(q.id) AS queues
     FROM channels c LEFT JOIN queues q ON q.channel_id = c.id
     GROUP BY c.id ORDER BY c.name`,
  );
  return rows.map(toChannel);
}

/** Deleting a channel deletes its queues and every message still in them. */
export async function deleteChannel(pool: Pool, name: string): Promise<boolean> {
  const { rowCount } = await pool.query('DELETE FROM channels WHERE name = $1', [name]);
  return rowCount === 1;
}
