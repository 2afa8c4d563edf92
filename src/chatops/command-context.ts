import type { DeployConfig } from '../config/deploy-config.ts';
import type { DeploymentServices } from '../deployments/run-deployment.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { addReaction, createComment, updateComment, type Reaction } from '../github/issue-comments.ts';
import type { CommandRequest } from './command-request.ts';

/** What command execution uses from the server. */
export type CommandServices = Pick<
  DeploymentServices,
  'db' | 'github' | 'redactor' | 'log' | 'logUrl' | 'providerDeps' | 'resources' | 'observers' | 'clock' | 'checksPollSeconds'
>;

/** One command being answered: who asked where, the repository's config, and how to answer. */
export interface CommandContext {
  readonly request: CommandRequest;
  readonly github: GitHubClient;
  readonly services: CommandServices;
  /** The config on the default branch: it decides environments and who may deploy them. */
  readonly config: DeployConfig;
  /**
   * Where the answers go: a comment's issue or PR (the default; the deployment's comment follows
   * there), or a page of Runway's own (no conversation on GitHub; the page shows the replies).
   */
  readonly answersOn?: 'comment' | 'page';
  /** Posts a reply on the issue or PR (redacted); returns its id. */
  reply(body: string): Promise<number>;
  /** Edits an earlier reply (redacted). */
  editReply(commentId: number, body: string): Promise<void>;
  react(content: Reaction): Promise<void>;
}

/**
 * How a command ended: accepted (👀 was given) or refused or failed (😕), with the reply to post
 * when the command did not already answer by itself.
 */
export interface CommandAnswer {
  ok: boolean;
  reply?: string;
}

export function commandContext(
  request: CommandRequest,
  github: GitHubClient,
  services: CommandServices,
  config: DeployConfig,
): CommandContext {
  const repo = { owner: request.owner, repo: request.repo };
  return {
    request,
    github,
    services,
    config,
    answersOn: 'comment',
    reply: (body) => createComment(github, { ...repo, issueNumber: request.issueNumber, body: services.redactor.redact(body) }),
    editReply: (commentId, body) => updateComment(github, { ...repo, commentId, body: services.redactor.redact(body) }),
    react: (content) => addReaction(github, { ...repo, commentId: request.commentId, content }),
  };
}

/** `@user` quoting a command back: short, without backticks. */
export function mention(ctx: CommandContext): string {
  return `@${ctx.request.actor}`;
}
