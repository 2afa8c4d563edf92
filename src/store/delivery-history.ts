import type { Queryable } from './database.ts';

/** What the delivery metrics read of one deployment. */
export interface DeliveryRecord {
  owner: string;
  repo: string;
  environment: string;
  task: string;
  state: string;
  createdAt: Date;
  finishedAt: Date | null;
}

/** Deployments created since `since`, oldest first. */
export async function deliveryHistory(db: Queryable, since: Date): Promise<DeliveryRecord[]> {
  const rows = await db.query<{
    owner: string;
    repo: string;
    environment: string;
    task: string;
    state: string;
    created_at: Date | string;
    finished_at: Date | string | null;
  }>(
    `SELECT owner, repo, environment, task, state, created_at, finished_at FROM deployments
     WHERE created_at >= $1 ORDER BY id`,
    [since],
  );
  return rows.map((r) => ({
    owner: r.owner,
    repo: r.repo,
    environment: r.environment,
    task: r.task,
    state: r.state,
    createdAt: new Date(r.created_at),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
  }));
}
