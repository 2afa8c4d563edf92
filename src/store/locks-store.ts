import type { Queryable } from './database.ts';

export interface EnvironmentLock {
  key: string;
  owner: string;
  reason: string | null;
  createdAt: Date;
  /** When the lock lifts itself; null for a lock that holds until `/unlock`. */
  expiresAt: Date | null;
  /** The installation that took it (to read the repository's notifiers when it expires); null for older locks. */
  installationId: number | null;
}

interface LockRow {
  key: string;
  owner: string;
  reason: string | null;
  created_at: Date;
  expires_at: Date | null;
  installation_id: string | number | null;
}

const columns = 'key, owner, reason, created_at, expires_at, installation_id';

const toLock = (r: LockRow | undefined): EnvironmentLock | undefined =>
  r && {
    key: r.key,
    owner: r.owner,
    reason: r.reason,
    createdAt: new Date(r.created_at),
    expiresAt: r.expires_at === null ? null : new Date(r.expires_at),
    installationId: r.installation_id === null ? null : Number(r.installation_id),
  };

export async function getLock(db: Queryable, key: string): Promise<EnvironmentLock | undefined> {
  return toLock((await db.query<LockRow>(`SELECT ${columns} FROM environment_locks WHERE key = $1`, [key]))[0]);
}

export type LockResult = { ok: true } | { ok: false; reason: 'locked'; by: string };

export interface NewLock {
  key: string;
  owner: string;
  reason: string | null;
  /** Null: the lock holds until `/unlock`. */
  expiresAt: Date | null;
  installationId: number | null;
}

/** Takes the lock; a lock held by someone else is not taken over (its owner may change the reason and the end). */
export async function acquireLock(db: Queryable, lock: NewLock): Promise<LockResult> {
  const rows = await db.query<{ owner: string }>(
    `INSERT INTO environment_locks (key, owner, reason, expires_at, installation_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (key) DO UPDATE SET reason = EXCLUDED.reason, expires_at = EXCLUDED.expires_at,
       installation_id = EXCLUDED.installation_id
     WHERE environment_locks.owner = EXCLUDED.owner
     RETURNING owner`,
    [lock.key, lock.owner, lock.reason, lock.expiresAt, lock.installationId],
  );
  if (rows.length > 0) return { ok: true };
  const held = await getLock(db, lock.key);
  return { ok: false, reason: 'locked', by: held?.owner ?? 'someone' };
}

/** Removes the lock; returns the lock that was removed, if any. */
export async function releaseLock(db: Queryable, key: string): Promise<EnvironmentLock | undefined> {
  return toLock((await db.query<LockRow>(`DELETE FROM environment_locks WHERE key = $1 RETURNING ${columns}`, [key]))[0]);
}

/** Removes every lock whose end is at or before `now`; returns them (each is lifted by exactly one caller). */
export async function liftExpiredLocks(db: Queryable, now: Date): Promise<EnvironmentLock[]> {
  const rows = await db.query<LockRow>(`DELETE FROM environment_locks WHERE expires_at <= $1 RETURNING ${columns}`, [now]);
  return rows.flatMap((r) => toLock(r) ?? []);
}

/** The earliest end of a lock that will lift itself, if any. */
export async function nextLockExpiry(db: Queryable): Promise<Date | undefined> {
  const rows = await db.query<{ at: Date | null }>('SELECT min(expires_at) AS at FROM environment_locks');
  const at = rows[0]?.at;
  return at ? new Date(at) : undefined;
}
