import type { CommandContext, CommandServices } from '../../chatops/command-context.ts';
import type { DeployConfig } from '../../config/deploy-config.ts';
import type { GitHubClient } from '../../github/github-client.ts';

/**
 * A command context for an action taken on a page instead of in a comment: the same command
 * functions (and so the same permission checks) run, but their replies are collected for the
 * page instead of posted, and there is no comment to react to.
 */
export function webCommandContext(input: {
  repository: { installationId: number; owner: string; repo: string; defaultBranch: string };
  actor: string;
  body: string;
  github: GitHubClient;
  services: CommandServices;
  config: DeployConfig;
}): { ctx: CommandContext; replies: string[] } {
  const replies: string[] = [];
  const ctx: CommandContext = {
    request: { ...input.repository, issueNumber: 0, isPullRequest: false, commentId: 0, actor: input.actor, body: input.body },
    github: input.github,
    services: input.services,
    config: input.config,
    answersOn: 'page',
    reply: async (body) => replies.push(input.services.redactor.redact(body)),
    editReply: async (index, body) => {
      replies[index - 1] = input.services.redactor.redact(body);
    },
    react: async () => undefined,
  };
  return { ctx, replies };
}
