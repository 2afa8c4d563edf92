import type { Queryable } from './database.ts';
import { listDeployments, type DeploymentRecord } from './deployments-store.ts';

/** What is live on an environment: its latest successful deployment, if Runway made one. */
export async function liveDeployment(
  db: Queryable,
  r: { owner: string; repo: string; environment: string },
): Promise<DeploymentRecord | undefined> {
  return (await listDeployments(db, { ...r, state: 'success', limit: 1 }))[0];
}

/** Deployments of an environment that once succeeded (live or superseded since), newest first. */
export async function succeededDeployments(
  db: Queryable,
  r: { owner: string; repo: string; environment: string },
  limit = 100,
): Promise<DeploymentRecord[]> {
  const [live, older] = await Promise.all([
    listDeployments(db, { ...r, state: 'success', limit }),
    listDeployments(db, { ...r, state: 'inactive', limit }),
  ]);
  return [...live, ...older].sort((a, b) => b.id - a.id).slice(0, limit);
}

export interface QueuedRun {
  jobId: number;
  jobState: string;
  deploymentId: number;
  githubId: number;
  sha: string;
  creator: string | null;
  state: string;
}

/** The run jobs still open on an environment's key (running first, then in line), for /status. */
export async function openRuns(db: Queryable, key: string): Promise<QueuedRun[]> {
  const rows = await db.query<{
    id: number;
    state: string;
    deployment_id: number;
    github_id: string | number;
    sha: string;
    creator: string | null;
    dstate: string;
  }>(
    `SELECT j.id, j.state, j.deployment_id, d.github_id, d.sha, d.creator, d.state AS dstate FROM jobs j
     JOIN deployments d ON d.id = j.deployment_id
     WHERE j.key = $1 AND j.kind = 'run' AND j.state IN ('waiting', 'queued', 'running') ORDER BY j.id`,
    [key],
  );
  return rows.map((r) => ({
    jobId: Number(r.id),
    jobState: r.state,
    deploymentId: Number(r.deployment_id),
    githubId: Number(r.github_id),
    sha: r.sha,
    creator: r.creator,
    state: r.dstate,
  }));
}
