import type { Queryable } from './database.ts';

export interface CancelRequest {
  deploymentId: number;
  actor: string;
  /** Whether completed steps are undone (`--no-undo` leaves them). */
  undo: boolean;
}

/** Asks the worker running a deployment to stop it; the first request stands. */
export async function requestCancel(db: Queryable, r: CancelRequest): Promise<void> {
  await db.query('INSERT INTO cancel_requests (deployment_id, actor, undo) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
    r.deploymentId,
    r.actor,
    r.undo,
  ]);
}

export async function getCancelRequest(db: Queryable, deploymentId: number): Promise<CancelRequest | undefined> {
  const rows = await db.query<{ actor: string; undo: boolean }>('SELECT actor, undo FROM cancel_requests WHERE deployment_id = $1', [
    deploymentId,
  ]);
  return rows[0] && { deploymentId, actor: rows[0].actor, undo: rows[0].undo };
}
