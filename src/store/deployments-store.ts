import type { DeploymentRef } from '../deployments/deployment-ref.ts';
import { allowedFrom, type DeploymentState } from '../deployments/deployment-state.ts';
import type { Queryable } from './database.ts';
import { ORIGIN_JOIN, originFromRow, type DeploymentOrigin } from './deployment-origins-store.ts';

export interface DeploymentRecord extends DeploymentRef {
  installationId: number;
  /** GitHub's `deployment.creator` (from the signed webhook) and its user type. */
  creator: string | null;
  creatorType: 'User' | 'Bot' | null;
  /**
   * What Runway recorded when it created this deployment; null for deployments others created.
   * There is deliberately no `payload` here: its creator wrote it, so nothing may rely on it.
   */
  origin: DeploymentOrigin | null;
  state: DeploymentState;
  description: string | null;
  environmentUrl: string | null;
  /** What the run left for later: outputs (backend release, frontend build), rollback notes. */
  summary: Record<string, unknown>;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface NewDeployment {
  githubId: number;
  installationId: number;
  owner: string;
  repo: string;
  environment: string;
  sha: string;
  ref: string;
  task: string;
  /** Kept for the record only; never read back. */
  payload: Record<string, unknown>;
  creator: string | null;
  creatorType: 'User' | 'Bot' | null;
}

interface Row {
  id: number;
  github_id: string | number;
  installation_id: string | number;
  owner: string;
  repo: string;
  environment: string;
  sha: string;
  ref: string;
  task: string;
  creator: string | null;
  creator_type: 'User' | 'Bot' | null;
  origin: unknown;
  state: DeploymentState;
  description: string | null;
  environment_url: string | null;
  summary: Record<string, unknown>;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const toRecord = (r: Row): DeploymentRecord => ({
  id: Number(r.id),
  githubId: Number(r.github_id),
  installationId: Number(r.installation_id),
  owner: r.owner,
  repo: r.repo,
  environment: r.environment,
  sha: r.sha,
  ref: r.ref,
  task: r.task,
  creator: r.creator,
  creatorType: r.creator_type,
  origin: originFromRow(r.origin),
  state: r.state,
  description: r.description,
  environmentUrl: r.environment_url,
  summary: r.summary,
  createdAt: new Date(r.created_at),
  startedAt: r.started_at && new Date(r.started_at),
  finishedAt: r.finished_at && new Date(r.finished_at),
});

const COLUMNS = `d.id, d.github_id, d.installation_id, d.owner, d.repo, d.environment, d.sha, d.ref, d.task, d.creator,
  d.creator_type, d.state, d.description, d.environment_url, d.summary, d.created_at, d.started_at, d.finished_at,
  CASE WHEN o.id IS NULL THEN NULL ELSE to_jsonb(o) END AS origin`;

/**
 * Records a `deployment.created` delivery: the delivery id, the deployment, its run job (waiting,
 * in its environment's line) and the job that announces it, in one statement, so it is atomic on
 * both engines and costs one round trip. Returns the new deployment's id, or `undefined` when the
 * delivery or the deployment was recorded before (a redelivery, or the same event re-sent).
 */
export async function recordDeploymentCreated(
  db: Queryable,
  delivery: { id: string; event: string },
  d: NewDeployment,
  environmentKey: string,
): Promise<number | undefined> {
  const rows = await db.query<{ deployment_id: number }>(
    `WITH delivery AS (
       INSERT INTO deliveries (id, event) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id
     ), deployment AS (
       INSERT INTO deployments (github_id, installation_id, owner, repo, environment, sha, ref, task, payload, creator, creator_type)
       SELECT $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $14 FROM delivery
       ON CONFLICT (owner, repo, github_id) DO NOTHING RETURNING id
     ), run AS (
       INSERT INTO jobs (kind, key, deployment_id, state)
       SELECT 'run', $13, id, 'waiting' FROM deployment RETURNING id, deployment_id
     )
     INSERT INTO jobs (kind, key, deployment_id, payload)
     SELECT 'announce', 'deployment:' || deployment_id, deployment_id, jsonb_build_object('runJobId', id) FROM run
     RETURNING deployment_id`,
    [
      delivery.id,
      delivery.event,
      d.githubId,
      d.installationId,
      d.owner,
      d.repo,
      d.environment,
      d.sha,
      d.ref,
      d.task,
      JSON.stringify(d.payload),
      d.creator,
      environmentKey,
      d.creatorType,
    ],
  );
  return rows[0] ? Number(rows[0].deployment_id) : undefined;
}

export async function getDeployment(db: Queryable, id: number): Promise<DeploymentRecord | undefined> {
  const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM deployments d ${ORIGIN_JOIN} WHERE d.id = $1`, [id]);
  return rows[0] && toRecord(rows[0]);
}

/** Deployments from a `SELECT * FROM deployments …` of the web views' own (their filters and orders). */
export async function listDeploymentsWhere(db: Queryable, sql: string, params: unknown[]): Promise<DeploymentRecord[]> {
  return (await db.query<Row>(sql, params)).map(toRecord);
}

export async function listDeployments(
  db: Queryable,
  filter: { owner?: string; repo?: string; environment?: string; state?: DeploymentState; limit?: number } = {},
): Promise<DeploymentRecord[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM deployments d ${ORIGIN_JOIN}
     WHERE ($1::text IS NULL OR d.owner = $1) AND ($2::text IS NULL OR d.repo = $2)
       AND ($3::text IS NULL OR d.environment = $3) AND ($4::text IS NULL OR d.state = $4)
     ORDER BY d.id DESC LIMIT $5`,
    [filter.owner ?? null, filter.repo ?? null, filter.environment ?? null, filter.state ?? null, filter.limit ?? 50],
  );
  return rows.map(toRecord);
}

/**
 * Moves a deployment to `to` when the transition table allows it from its current state.
 * Returns false (and changes nothing) when it does not.
 */
export async function moveDeployment(
  db: Queryable,
  id: number,
  to: DeploymentState,
  fields: { description?: string | null; environmentUrl?: string | null } = {},
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE deployments SET state = $2,
       description = COALESCE($3, description),
       environment_url = COALESCE($4, environment_url),
       started_at = CASE WHEN $2 = 'in_progress' THEN now() ELSE started_at END,
       finished_at = CASE WHEN $2 IN ('success', 'failure', 'error') THEN now() ELSE finished_at END
     WHERE id = $1 AND state = ANY($5::text[]) RETURNING id`,
    [id, to, fields.description ?? null, fields.environmentUrl ?? null, allowedFrom(to)],
  );
  return rows.length > 0;
}

/** After a success, the older successful deployments of that environment are no longer live. */
export async function markOlderInactive(db: Queryable, d: { id: number; owner: string; repo: string; environment: string }): Promise<void> {
  await db.query(
    `UPDATE deployments SET state = 'inactive'
     WHERE owner = $1 AND repo = $2 AND environment = $3 AND state = 'success' AND id < $4`,
    [d.owner, d.repo, d.environment, d.id],
  );
}

export async function mergeSummary(db: Queryable, id: number, summary: Record<string, unknown>): Promise<void> {
  await db.query('UPDATE deployments SET summary = summary || $2::jsonb WHERE id = $1', [id, JSON.stringify(summary)]);
}

/** Whether this commit is already deployed (or on its way) to the environment: a push trigger skips it. */
export async function shaDeployedTo(
  db: Queryable,
  where: { owner: string; repo: string; environment: string; sha: string },
): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM deployments WHERE owner = $1 AND repo = $2 AND environment = $3 AND sha = $4
       AND state NOT IN ('failure', 'error') LIMIT 1`,
    [where.owner, where.repo, where.environment, where.sha],
  );
  return rows.length > 0;
}
