import type { Queryable } from './database.ts';

export interface EnvironmentLock {
  key: string;
  owner: string;
  reason: string | null;
  createdAt: Date;
}

interface LockRow {
  key: string;
  owner: string;
  reason: string | null;
  created_at: Date;
}

const toLock = (r: LockRow | undefined): EnvironmentLock | undefined =>
  r && { key: r.key, owner: r.owner, reason: r.reason, createdAt: new Date(r.created_at) };

export async function getLock(db: Queryable, key: string): Promise<EnvironmentLock | undefined> {
  return toLock((await db.query<LockRow>('SELECT key, owner, reason, created_at FROM environment_locks WHERE key = $1', [key]))[0]);
}

export type LockResult = { ok: true } | { ok: false; reason: 'locked'; by: string };

/** Takes the lock; a lock held by someone else is not taken over. */
export async function acquireLock(db: Queryable, key: string, owner: string, reason: string | null): Promise<LockResult> {
  const rows = await db.query<{ owner: string }>(
    `INSERT INTO environment_locks (key, owner, reason) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET reason = EXCLUDED.reason WHERE environment_locks.owner = EXCLUDED.owner
     RETURNING owner`,
    [key, owner, reason],
  );
  if (rows.length > 0) return { ok: true };
  const lock = await getLock(db, key);
  return { ok: false, reason: 'locked', by: lock?.owner ?? 'someone' };
}

/** Removes the lock; returns the lock that was removed, if any. */
export async function releaseLock(db: Queryable, key: string): Promise<EnvironmentLock | undefined> {
  return toLock(
    (await db.query<LockRow>('DELETE FROM environment_locks WHERE key = $1 RETURNING key, owner, reason, created_at', [key]))[0],
  );
}
