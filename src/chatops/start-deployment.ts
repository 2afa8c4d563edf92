import type { EnvironmentConfig } from '../config/deploy-config.ts';
import { isProductionEnvironment } from '../config/production-environment.ts';
import { createRunwayDeployment } from '../deployments/create-runway-deployment.ts';
import { httpStatus } from '../github/github-client.ts';
import { authorizeForce, obstaclesOf } from '../flow/force-gate.ts';
import type { CommandAnswer, CommandContext } from './command-context.ts';
import { dryRunReply } from './dry-run.ts';

export interface DeploymentRequest {
  environment: string;
  env: EnvironmentConfig;
  /** A branch, tag or sha: GitHub resolves it. */
  ref: string;
  task: 'deploy' | 'deploy:rollback' | 'deploy:promote';
  /** A redeploy, rollback or promotion of an earlier commit takes the trust fields of the default branch's config. */
  purpose: 'deploy' | 'redeploy' | 'rollback';
  dryRun: boolean;
  /** Runway id of the deployment a rollback returns to. */
  rollbackTo?: number;
  /** Runway id of the deployment of another environment that a promotion ships (recorded as the origin's `rollbackTo`). */
  promoteFrom?: number;
  /** "Deployment of `abc1234`", for the reply. */
  what: string;
  /** `--skip-checks` (an admin's): the deployment does not wait for CI; its origin records it. */
  skipChecks?: boolean;
  /** `--force`: an admin passes every obstacle (lock, hold, freeze window). */
  force?: boolean;
}

/**
 * Creates the GitHub deployment a command asked for (Runway's `deployment.created` handling then
 * runs it), after a reply that the deployment's PR comment later edits in place. An obstacle (a
 * lock) either queues it or, with `when_locked: refuse`, refuses; an admin's `--force` passes it.
 */
export async function startDeployment(ctx: CommandContext, r: DeploymentRequest): Promise<CommandAnswer> {
  const { owner, repo, actor, issueNumber, commentId } = ctx.request;
  if (r.force) {
    const allowed = await authorizeForce(ctx);
    if (!allowed.ok) return allowed;
  }
  const obstacles = await obstaclesOf(ctx, r);
  const refusal = r.force ? undefined : obstacles.find((o) => o.refuses);
  if (refusal) return { ok: false, reply: `Refused: ${refusal.text}. ${refusal.remedy}` };
  if (r.dryRun) return dryRunReply(ctx, r);
  const forcedThrough = r.force && obstacles.length > 0 ? obstacles.map((o) => o.text.replace(/\*\*/g, '')).join('; ') : null;
  const waits = forcedThrough
    ? `\n\n⚠️ Forced by @${actor} through: ${forcedThrough}.`
    : obstacles.length > 0
      ? `\n\nIt waits in line: ${obstacles.map((o) => o.text).join('; ')}.`
      : '';
  const replyId = await ctx.reply(`⏳ ${r.what} to **${r.environment}** requested by @${actor}: creating the deployment…${waits}`);
  // From a page there is no conversation on GitHub: no comment to follow, edit or react to.
  const onComment = ctx.answersOn !== 'page';
  try {
    const origin = {
      trigger: 'command' as const,
      purpose: r.purpose,
      actor,
      actorType: 'User' as const,
      issueNumber: onComment ? issueNumber : null,
      commandCommentId: onComment ? commentId : null,
      replyCommentId: onComment ? replyId : null,
      rollbackTo: r.rollbackTo ?? r.promoteFrom ?? null,
      ...(r.skipChecks && { skipChecks: true }),
      forcedThrough,
    };
    const created = await createRunwayDeployment(
      ctx.services.db,
      ctx.github,
      {
        owner,
        repo,
        ref: r.ref,
        environment: r.environment,
        task: r.task,
        // Runway waits for CI itself (src/flow/advance-deployment.ts): GitHub would refuse pending checks.
        requiredContexts: [],
        productionEnvironment: isProductionEnvironment(r.environment, r.env),
        payload: {
          runway: {
            ...(onComment
              ? { trigger: 'comment', comment_id: commentId, issue: issueNumber, reply_comment_id: replyId }
              : { trigger: 'page' }),
            actor,
            ...(r.rollbackTo !== undefined && { rollback_to: r.rollbackTo }),
            ...(r.promoteFrom !== undefined && { promote_from: r.promoteFrom }),
            ...(r.skipChecks && { skip_checks: true }),
          },
        },
        description: `${r.task === 'deploy:rollback' ? 'Rollback' : r.task === 'deploy:promote' ? 'Promotion' : 'Deploy'} by @${actor} ${onComment ? `from #${issueNumber}` : "from Runway's pages"}`,
      },
      origin,
    );
    if (created.ok) return { ok: true };
    await ctx.editReply(replyId, `❌ ${r.what} to **${r.environment}** was not created: ${created.message}.`);
    return { ok: false };
  } catch (error) {
    const status = httpStatus(error);
    if (status !== 404 && status !== 422) throw error;
    await ctx.editReply(replyId, `❌ ${r.what} to **${r.environment}** was not created: GitHub does not know the ref \`${r.ref}\`.`);
    return { ok: false };
  }
}
