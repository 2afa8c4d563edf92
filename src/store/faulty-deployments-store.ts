import type { Queryable } from './database.ts';

/** Marks a deployment faulty: someone rolled it back (or a failed deployment's undo did). */
export async function markFaulty(db: Queryable, deploymentId: number, actor: string): Promise<void> {
  await db.query('INSERT INTO faulty_deployments (deployment_id, actor) VALUES ($1, $2) ON CONFLICT DO NOTHING', [deploymentId, actor]);
}

/** Who marked each of these deployments faulty. */
export async function faultyMarks(db: Queryable, deploymentIds: number[]): Promise<Map<number, string>> {
  if (deploymentIds.length === 0) return new Map();
  const rows = await db.query<{ deployment_id: number; actor: string }>(
    'SELECT deployment_id, actor FROM faulty_deployments WHERE deployment_id = ANY($1::int[])',
    [deploymentIds],
  );
  return new Map(rows.map((r) => [Number(r.deployment_id), r.actor]));
}
