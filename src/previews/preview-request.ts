import { z } from 'zod';

/** What the pull_request handler or the `/preview` command records for the preview job. */
export const previewRequest = z.object({
  installationId: z.number(),
  owner: z.string(),
  repo: z.string(),
  pullNumber: z.number().int().positive(),
  /** What asked: a pull_request action, or a maintainer's `/preview`. */
  action: z.enum(['opened', 'reopened', 'synchronize', 'labeled', 'command']),
  /** The head commit from the webhook; a command job reads it from the pull request. */
  headSha: z.string().optional(),
  /** Whether the head branch lives in another repository (a fork). */
  fork: z.boolean().optional(),
  /** The sender: the author or pusher, the labeller, or the commenter. */
  actor: z.string(),
  actorType: z.enum(['User', 'Bot']).default('User'),
  /** With `labeled`: the label added. */
  label: z.string().optional(),
});
export type PreviewRequest = z.infer<typeof previewRequest>;

/** What ends a preview: the pull request closed (merged or not), or its time to live ran out. */
export const teardownRequest = z.object({
  owner: z.string(),
  repo: z.string(),
  pullNumber: z.number().int().positive(),
  reason: z.enum(['closed', 'merged', 'expired']),
});
export type TeardownRequest = z.infer<typeof teardownRequest>;

/** One line of the job queue per pull request: create, update and teardown run in the order asked. */
export function previewKey(p: { owner: string; repo: string; pullNumber: number }): string {
  return `preview:${p.owner}/${p.repo}#${p.pullNumber}`;
}
