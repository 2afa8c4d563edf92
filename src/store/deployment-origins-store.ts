import { z } from 'zod';
import type { Queryable } from './database.ts';

/**
 * What Runway itself recorded about a deployment it created: who caused it, where it answers and
 * what a rollback returns to. Written before Runway asks GitHub for the deployment, so it never
 * depends on the deployment's payload, which anyone who can create a deployment writes.
 */
export const deploymentOrigin = z.object({
  /** `preview`: a pull request's preview environment (migration 010); `push`, `tag`, `release`: the `on:` triggers (migration 011). */
  trigger: z.enum(['merge', 'command', 'preview', 'push', 'tag', 'release']),
  /** `redeploy` and `rollback` take trust fields from the default branch instead of failing on a difference. */
  purpose: z.enum(['deploy', 'redeploy', 'rollback']),
  /** The merger, the commenter, the pusher, the tagger or the release author. */
  actor: z.string(),
  actorType: z.enum(['User', 'Bot']),
  /** The pull request of a merge, or the issue or PR of a command. */
  issueNumber: z.number().int().nullable(),
  commandCommentId: z.number().int().nullable(),
  replyCommentId: z.number().int().nullable(),
  /** Runway id of the deployment a rollback returns to. */
  rollbackTo: z.number().int().nullable(),
  /** `/deploy --skip-checks` by an admin: the deployment did not wait for CI. */
  skipChecks: z.boolean().optional(),
  /** `/deploy --force` by an admin: what it was forced through ("the lock by @ops: demo"); it passes locks in the queue. */
  forcedThrough: z.string().nullable().optional(),
});
export type DeploymentOrigin = z.infer<typeof deploymentOrigin>;

/** The row as `to_jsonb` gives it when a deployment query joins its origin. */
const originRow = z
  .object({
    trigger: deploymentOrigin.shape.trigger,
    purpose: deploymentOrigin.shape.purpose,
    actor: z.string(),
    actor_type: deploymentOrigin.shape.actorType,
    issue_number: z.coerce.number().nullable(),
    command_comment_id: z.coerce.number().nullable(),
    reply_comment_id: z.coerce.number().nullable(),
    rollback_to: z.coerce.number().nullable(),
    skip_checks: z.boolean().default(false),
    forced_through: z.string().nullable().optional(),
  })
  .transform((r): DeploymentOrigin => ({
    trigger: r.trigger,
    purpose: r.purpose,
    actor: r.actor,
    actorType: r.actor_type,
    issueNumber: r.issue_number,
    commandCommentId: r.command_comment_id,
    replyCommentId: r.reply_comment_id,
    rollbackTo: r.rollback_to,
    skipChecks: r.skip_checks,
    forcedThrough: r.forced_through ?? null,
  }));

/** The origin joined to a deployment row (`to_jsonb(o)`), or null when Runway did not create it. */
export function originFromRow(value: unknown): DeploymentOrigin | null {
  return value === null || value === undefined ? null : originRow.parse(value);
}

/** SQL that joins each deployment `d` to its origin, as column `origin`. */
export const ORIGIN_JOIN = `LEFT JOIN deployment_origins o ON o.owner = d.owner AND o.repo = d.repo AND o.github_id = d.github_id`;

type Where = { owner: string; repo: string; environment: string };

/** Records an origin before its deployment exists (github_id NULL); returns its id. */
export async function beginOrigin(db: Queryable, where: Where, o: DeploymentOrigin): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO deployment_origins
       (owner, repo, environment, trigger, purpose, actor, actor_type, issue_number, command_comment_id, reply_comment_id, rollback_to,
        skip_checks, forced_through)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      where.owner,
      where.repo,
      where.environment,
      o.trigger,
      o.purpose,
      o.actor,
      o.actorType,
      o.issueNumber,
      o.commandCommentId,
      o.replyCommentId,
      o.rollbackTo,
      o.skipChecks ?? false,
      o.forcedThrough ?? null,
    ],
  );
  return Number(rows[0]!.id);
}

/** Binds an origin to the deployment GitHub created for it. */
export async function attachOrigin(db: Queryable, originId: number, githubId: number): Promise<void> {
  await db.query('UPDATE deployment_origins SET github_id = $2 WHERE id = $1', [originId, githubId]);
}

/** Forgets an origin whose deployment GitHub did not create. */
export async function dropOrigin(db: Queryable, originId: number): Promise<void> {
  await db.query('DELETE FROM deployment_origins WHERE id = $1 AND github_id IS NULL', [originId]);
}

/**
 * Whether Runway is creating a deployment of this environment right now (an origin without its
 * GitHub id, younger than `withinSeconds`): GitHub may announce the deployment before Runway heard
 * back, and until then its origin cannot be found by id.
 */
export async function hasPendingOrigin(db: Queryable, where: Where, withinSeconds = 120): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM deployment_origins WHERE owner = $1 AND repo = $2 AND environment = $3 AND github_id IS NULL
       AND created_at > now() - make_interval(secs => $4) LIMIT 1`,
    [where.owner, where.repo, where.environment, withinSeconds],
  );
  return rows.length > 0;
}

/** Whether Runway already created the deployment of a merged pull request to this environment. */
export async function mergeDeploymentExists(db: Queryable, where: Where & { pullNumber: number }): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM deployment_origins WHERE owner = $1 AND repo = $2 AND environment = $3 AND trigger = 'merge'
       AND issue_number = $4 AND github_id IS NOT NULL LIMIT 1`,
    [where.owner, where.repo, where.environment, where.pullNumber],
  );
  return rows.length > 0;
}
