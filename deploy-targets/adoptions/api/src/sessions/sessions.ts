import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Db } from '../db/pool.ts';

type Queryable = Db | pg.PoolClient;

/** Every statement on the `sessions` table. */
export async function startSession(db: Queryable, accountId: string, ttlSeconds: number): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO sessions (id, account_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
    [id, accountId, ttlSeconds],
  );
  return id;
}

export async function isSessionOpen(db: Queryable, sessionId: string, accountId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM sessions WHERE id = $1 AND account_id = $2 AND ended_at IS NULL AND expires_at > now()`,
    [sessionId, accountId],
  );
  return rowCount === 1;
}

export async function endSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('UPDATE sessions SET ended_at = now() WHERE id = $1 AND ended_at IS NULL', [sessionId]);
}

/** After a password change or reset, every token issued before it stops working. */
export async function endAllSessions(db: Queryable, accountId: string, except?: string): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE sessions SET ended_at = now() WHERE account_id = $1 AND ended_at IS NULL AND ($2::uuid IS NULL OR id <> $2)`,
    [accountId, except ?? null],
  );
  return rowCount ?? 0;
}
