import { stepAllowedFrom, type StepState } from '../deployments/deployment-state.ts';
import type { Queryable } from './database.ts';

export interface StepRecord {
  position: number;
  name: string;
  state: StepState;
  summary: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** Records the plan's steps, all `pending`, before the first one runs. */
export async function insertSteps(db: Queryable, deploymentId: number, names: string[]): Promise<void> {
  for (const [position, name] of names.entries()) {
    await db.query('INSERT INTO deployment_steps (deployment_id, position, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      deploymentId,
      position,
      name,
    ]);
  }
}

export async function moveStep(db: Queryable, deploymentId: number, position: number, to: StepState, summary?: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE deployment_steps SET state = $3, summary = COALESCE($4, summary),
       started_at = CASE WHEN $3 = 'running' THEN now() ELSE started_at END,
       finished_at = CASE WHEN $3 <> 'running' THEN now() ELSE finished_at END
     WHERE deployment_id = $1 AND position = $2 AND state = ANY($5::text[]) RETURNING position`,
    [deploymentId, position, to, summary ?? null, stepAllowedFrom(to)],
  );
  return rows.length > 0;
}

export async function listSteps(db: Queryable, deploymentId: number): Promise<StepRecord[]> {
  const rows = await db.query<{
    position: number;
    name: string;
    state: StepState;
    summary: string | null;
    started_at: Date | null;
    finished_at: Date | null;
  }>('SELECT * FROM deployment_steps WHERE deployment_id = $1 ORDER BY position', [deploymentId]);
  return rows.map((r) => ({
    position: Number(r.position),
    name: r.name,
    state: r.state,
    summary: r.summary,
    startedAt: r.started_at && new Date(r.started_at),
    finishedAt: r.finished_at && new Date(r.finished_at),
  }));
}
