import type { Queryable } from './database.ts';
import { getDeployment, listDeployments, type DeploymentRecord } from './deployments-store.ts';
import { openRunJobs, type JobState } from './job-queue.ts';

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
  jobState: JobState;
  deploymentId: number;
  githubId: number;
  sha: string;
  creator: string | null;
  state: string;
}

/** The run jobs still open on an environment's key (running first, then in line), for /status. */
export async function openRuns(db: Queryable, key: string): Promise<QueuedRun[]> {
  const runs: QueuedRun[] = [];
  for (const job of await openRunJobs(db, key)) {
    const d = await getDeployment(db, job.deploymentId);
    if (d)
      runs.push({
        jobId: job.jobId,
        jobState: job.state,
        deploymentId: d.id,
        githubId: d.githubId,
        sha: d.sha,
        creator: d.creator,
        state: d.state,
      });
  }
  return runs;
}
