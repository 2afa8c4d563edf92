import type { Queryable } from './database.ts';
import { listDeploymentsWhere, type DeploymentRecord } from './deployments-store.ts';

export interface HistoryFilter {
  /** `owner/repo` */
  repository?: string;
  environment?: string;
  state?: string;
  creator?: string;
  /** Only these repositories (`owner/repo`); undefined: all. */
  readable?: readonly string[];
}

/**
 * One page of deployments, newest first, matching the filter. Paged by id (`before`), so a page
 * costs the same however deep it is and a deployment made meanwhile shifts nothing.
 */
export async function deploymentHistory(
  db: Queryable,
  filter: HistoryFilter,
  page: { before?: number; size: number },
): Promise<{ deployments: DeploymentRecord[]; nextBefore?: number }> {
  const rows = await listDeploymentsWhere(
    db,
    `SELECT * FROM deployments
     WHERE ($1::text IS NULL OR owner || '/' || repo = $1) AND ($2::text IS NULL OR environment = $2)
       AND ($3::text IS NULL OR state = $3) AND ($4::text IS NULL OR lower(creator) = lower($4))
       AND ($5::text[] IS NULL OR owner || '/' || repo = ANY($5::text[])) AND ($6::int IS NULL OR id < $6)
     ORDER BY id DESC LIMIT $7`,
    [
      filter.repository ?? null,
      filter.environment ?? null,
      filter.state ?? null,
      filter.creator ?? null,
      filter.readable ? [...filter.readable] : null,
      page.before ?? null,
      page.size + 1,
    ],
  );
  const more = rows.length > page.size;
  const deployments = rows.slice(0, page.size);
  return { deployments, nextBefore: more ? deployments.at(-1)?.id : undefined };
}
