import type { Queryable } from './database.ts';

/** The one Runway comment that follows a deployment, so that retries and restarts edit it instead of posting another. */
export interface DeploymentComment {
  deploymentId: number;
  issueNumber: number;
  commentId: number;
}

export async function getDeploymentComment(db: Queryable, deploymentId: number): Promise<DeploymentComment | undefined> {
  const rows = await db.query<{ deployment_id: number; issue_number: number; comment_id: string | number }>(
    'SELECT deployment_id, issue_number, comment_id FROM deployment_comments WHERE deployment_id = $1',
    [deploymentId],
  );
  const r = rows[0];
  return r && { deploymentId: Number(r.deployment_id), issueNumber: Number(r.issue_number), commentId: Number(r.comment_id) };
}

export async function saveDeploymentComment(db: Queryable, c: DeploymentComment): Promise<void> {
  await db.query(
    `INSERT INTO deployment_comments (deployment_id, issue_number, comment_id) VALUES ($1, $2, $3)
     ON CONFLICT (deployment_id) DO UPDATE SET comment_id = EXCLUDED.comment_id, updated_at = now()`,
    [c.deploymentId, c.issueNumber, c.commentId],
  );
}
