import { z } from 'zod';

/** What the issue_comment handler records for the worker: who asked what, where. */
export const commandRequest = z.object({
  installationId: z.number(),
  owner: z.string(),
  repo: z.string(),
  defaultBranch: z.string(),
  issueNumber: z.number(),
  isPullRequest: z.boolean(),
  commentId: z.number(),
  actor: z.string(),
  body: z.string(),
});
export type CommandRequest = z.infer<typeof commandRequest>;

/** Comments on one issue or PR are answered one at a time, in order. */
export function commandKey(r: Pick<CommandRequest, 'owner' | 'repo' | 'issueNumber'>): string {
  return `comment:${r.owner}/${r.repo}#${r.issueNumber}`;
}
