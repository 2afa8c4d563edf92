import type { CommentFlow } from '../deployments/pr-comment-body.ts';
import type { Queryable } from '../store/database.ts';
import { getDeployment, type DeploymentRecord } from '../store/deployments-store.ts';
import { faultyMarks } from '../store/faulty-deployments-store.ts';
import { supersededBy } from '../store/superseded-store.ts';

/** What a deployment's comment says about the deploy flow: which deployment shipped it instead, who marked it faulty. */
export async function commentFlow(db: Queryable, d: DeploymentRecord): Promise<CommentFlow> {
  const byId = d.state === 'inactive' ? await supersededBy(db, d.id) : undefined;
  const by = byId === undefined ? undefined : await getDeployment(db, byId);
  const faultyBy = (await faultyMarks(db, [d.id])).get(d.id);
  return { ...(by && { supersededBy: by }), ...(faultyBy && { faultyBy }) };
}
