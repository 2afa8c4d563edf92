import type { Queryable } from './database.ts';

/** Why a deployment is not in its environment's line yet. */
export type WaitReason = 'checks' | 'hold';

export interface DeploymentWait {
  deploymentId: number;
  reason: WaitReason;
  deadline: Date | null;
  summary: string | null;
}

interface Row {
  deployment_id: number;
  reason: WaitReason;
  deadline: Date | null;
  summary: string | null;
}

const toWait = (r: Row): DeploymentWait => ({
  deploymentId: Number(r.deployment_id),
  reason: r.reason,
  deadline: r.deadline && new Date(r.deadline),
  summary: r.summary,
});

/** Starts (or changes the reason of) a deployment's wait. */
export async function beginWait(
  db: Queryable,
  w: { deploymentId: number; reason: WaitReason; deadline?: Date | null; summary?: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO deployment_waits (deployment_id, reason, deadline, summary) VALUES ($1, $2, $3, $4)
     ON CONFLICT (deployment_id) DO UPDATE SET reason = EXCLUDED.reason, deadline = EXCLUDED.deadline, summary = EXCLUDED.summary`,
    [w.deploymentId, w.reason, w.deadline ?? null, w.summary ?? null],
  );
}

export async function getWait(db: Queryable, deploymentId: number): Promise<DeploymentWait | undefined> {
  const rows = await db.query<Row>('SELECT deployment_id, reason, deadline, summary FROM deployment_waits WHERE deployment_id = $1', [
    deploymentId,
  ]);
  return rows[0] && toWait(rows[0]);
}

export async function setWaitSummary(db: Queryable, deploymentId: number, summary: string): Promise<void> {
  await db.query('UPDATE deployment_waits SET summary = $2 WHERE deployment_id = $1', [deploymentId, summary]);
}

/** Ends a wait; returns whether this call ended it (two replicas may race to). */
export async function endWait(db: Queryable, deploymentId: number, reason?: WaitReason): Promise<boolean> {
  const rows = await db.query('DELETE FROM deployment_waits WHERE deployment_id = $1 AND ($2::text IS NULL OR reason = $2) RETURNING 1', [
    deploymentId,
    reason ?? null,
  ]);
  return rows.length > 0;
}

/** Deployments of a repository whose sha is waiting for checks (a check or status event names the sha). */
export async function waitingForChecksOn(db: Queryable, r: { owner: string; repo: string; shas: string[] }): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT d.id FROM deployment_waits w JOIN deployments d ON d.id = w.deployment_id
     WHERE w.reason = 'checks' AND d.owner = $1 AND d.repo = $2 AND d.sha = ANY($3::text[])`,
    [r.owner, r.repo, r.shas],
  );
  return rows.map((x) => Number(x.id));
}

/** The waits of one environment, oldest deployment first. */
export async function environmentWaits(
  db: Queryable,
  r: { owner: string; repo: string; environment: string },
): Promise<(DeploymentWait & { sha: string; githubId: number })[]> {
  const rows = await db.query<Row & { sha: string; github_id: number }>(
    `SELECT w.deployment_id, w.reason, w.deadline, w.summary, d.sha, d.github_id FROM deployment_waits w
     JOIN deployments d ON d.id = w.deployment_id
     WHERE d.owner = $1 AND d.repo = $2 AND d.environment = $3 ORDER BY d.id`,
    [r.owner, r.repo, r.environment],
  );
  return rows.map((x) => ({ ...toWait(x), sha: x.sha, githubId: Number(x.github_id) }));
}
