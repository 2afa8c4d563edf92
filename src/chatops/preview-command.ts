import { previewKey, type PreviewRequest } from '../previews/preview-request.ts';
import { enqueueJob } from '../store/job-queue.ts';
import type { CommandAnswer, CommandContext } from './command-context.ts';

/**
 * `/preview` on a pull request: asks the preview job for this PR's preview (its checks decide:
 * previews config, deployers, policy, cap). On a fork's PR it is how a maintainer allows one, for
 * the head commit as it is now. The answer comes as the preview comment.
 */
export async function previewCommand(ctx: CommandContext): Promise<CommandAnswer> {
  const { request } = ctx;
  if (!request.isPullRequest) return { ok: false, reply: '`/preview` works on pull requests only.' };
  if (!ctx.config.previews)
    return { ok: false, reply: 'This repository has no `previews:` in `.github/deploy.yml` on its default branch.' };
  const payload: PreviewRequest = {
    installationId: request.installationId,
    owner: request.owner,
    repo: request.repo,
    pullNumber: request.issueNumber,
    action: 'command',
    actor: request.actor,
    actorType: 'User',
  };
  await ctx.services.db.transaction((tx) => enqueueJob(tx, { kind: 'preview', key: previewKey(payload), payload }));
  await ctx.react('eyes');
  return { ok: true };
}
