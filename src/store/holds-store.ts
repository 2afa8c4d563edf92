import type { Queryable } from './database.ts';

/** An environment held after a rollback: merges wait until `/resume`. */
export interface EnvironmentHold {
  key: string;
  rolledBackSha: string;
  actor: string;
  createdAt: Date;
}

interface Row {
  key: string;
  rolled_back_sha: string;
  actor: string;
  created_at: Date;
}

const toHold = (r: Row | undefined): EnvironmentHold | undefined =>
  r && { key: r.key, rolledBackSha: r.rolled_back_sha, actor: r.actor, createdAt: new Date(r.created_at) };

/** Holds the environment (a later rollback replaces what the hold names). */
export async function holdEnvironment(db: Queryable, h: { key: string; rolledBackSha: string; actor: string }): Promise<void> {
  await db.query(
    `INSERT INTO environment_holds (key, rolled_back_sha, actor) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET rolled_back_sha = EXCLUDED.rolled_back_sha, actor = EXCLUDED.actor, created_at = now()`,
    [h.key, h.rolledBackSha, h.actor],
  );
}

export async function getHold(db: Queryable, key: string): Promise<EnvironmentHold | undefined> {
  return toHold((await db.query<Row>('SELECT key, rolled_back_sha, actor, created_at FROM environment_holds WHERE key = $1', [key]))[0]);
}

/** Lifts the hold; returns the hold that was lifted, if any. */
export async function liftHold(db: Queryable, key: string): Promise<EnvironmentHold | undefined> {
  return toHold(
    (await db.query<Row>('DELETE FROM environment_holds WHERE key = $1 RETURNING key, rolled_back_sha, actor, created_at', [key]))[0],
  );
}
