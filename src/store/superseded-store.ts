import type { Queryable } from './database.ts';

/**
 * Records that `by` supersedes `ids`, and moves to `by` whatever those had superseded before, so
 * every superseded merge names the deployment that shipped it in the end.
 */
export async function recordSuperseded(db: Queryable, ids: number[], by: number): Promise<void> {
  if (ids.length === 0) return;
  await db.query('UPDATE superseded_deployments SET by_deployment_id = $2 WHERE by_deployment_id = ANY($1::int[])', [ids, by]);
  await db.query(
    `INSERT INTO superseded_deployments (deployment_id, by_deployment_id) SELECT unnest($1::int[]), $2
     ON CONFLICT (deployment_id) DO UPDATE SET by_deployment_id = EXCLUDED.by_deployment_id`,
    [ids, by],
  );
}

/** The deployment that superseded this one, if any. */
export async function supersededBy(db: Queryable, deploymentId: number): Promise<number | undefined> {
  const rows = await db.query<{ by_deployment_id: number }>(
    'SELECT by_deployment_id FROM superseded_deployments WHERE deployment_id = $1',
    [deploymentId],
  );
  return rows[0] ? Number(rows[0].by_deployment_id) : undefined;
}

/** The deployments `by` superseded (their PR comments follow how it ended). */
export async function supersededByThis(db: Queryable, by: number): Promise<number[]> {
  const rows = await db.query<{ deployment_id: number }>('SELECT deployment_id FROM superseded_deployments WHERE by_deployment_id = $1', [
    by,
  ]);
  return rows.map((r) => Number(r.deployment_id));
}
