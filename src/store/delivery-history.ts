import { z } from 'zod';
import type { Queryable } from './database.ts';

/** What the delivery metrics read of one deployment. */
export interface DeliveryRecord {
  owner: string;
  repo: string;
  environment: string;
  task: string;
  state: string;
  /** Why Runway created it (`deploy`, `redeploy`, `rollback`); null for deployments others created. */
  purpose: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** The first commit of the merged pull request it deploys; null when Runway did not deploy a merge. */
  firstCommitAt: Date | null;
}

const isoTime = z.iso.datetime({ offset: true });

/**
 * Deployments created since `since`, oldest first, with what Runway recorded of their origin. A
 * merge's first commit time is read from the deployment's payload only when Runway's origin record
 * says Runway created that GitHub deployment for a merge: then Runway wrote the payload itself (the
 * payload of any other deployment is its creator's word and is ignored).
 */
export async function deliveryHistory(db: Queryable, since: Date): Promise<DeliveryRecord[]> {
  const rows = await db.query<{
    owner: string;
    repo: string;
    environment: string;
    task: string;
    state: string;
    purpose: string | null;
    created_at: Date | string;
    finished_at: Date | string | null;
    first_commit_at: unknown;
  }>(
    `SELECT d.owner, d.repo, d.environment, d.task, d.state, o.purpose, d.created_at, d.finished_at,
            CASE WHEN o.trigger = 'merge' THEN d.payload->'runway'->>'first_commit_at' END AS first_commit_at
     FROM deployments d
     LEFT JOIN deployment_origins o ON o.owner = d.owner AND o.repo = d.repo AND o.github_id = d.github_id
     WHERE d.created_at >= $1 ORDER BY d.id`,
    [since],
  );
  return rows.map((r) => {
    const first = isoTime.safeParse(r.first_commit_at);
    return {
      owner: r.owner,
      repo: r.repo,
      environment: r.environment,
      task: r.task,
      state: r.state,
      purpose: r.purpose,
      createdAt: new Date(r.created_at),
      finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
      firstCommitAt: first.success ? new Date(first.data) : null,
    };
  });
}
