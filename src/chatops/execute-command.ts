import { DEPLOY_CONFIG_PATH } from '../config/parse-deploy-config.ts';
import { loadRepositoryConfig } from '../deployments/load-environment-config.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { addReaction, createComment } from '../github/issue-comments.ts';
import { notifierSecrets } from '../notifiers/notify-observer.ts';
import { authorize } from './authorize.ts';
import type { Command } from './command.ts';
import { commandContext, type CommandAnswer, type CommandContext, type CommandServices } from './command-context.ts';
import type { CommandRequest } from './command-request.ts';
import { cancelCommand } from './cancel-command.ts';
import { resumeCommand } from './resume-command.ts';
import { deployCommand, redeployCommand } from './deploy-command.ts';
import { formatParseError } from './format-parse-error.ts';
import { helpText } from './help-text.ts';
import { lockCommand, unlockCommand } from './lock-command.ts';
import { parseCommand } from './parse-command.ts';
import { previewCommand } from './preview-command.ts';
import { promoteCommand } from './promote-command.ts';
import { rollbackCommand } from './rollback-command.ts';
import { statusCommand } from './status-command.ts';

/** Runs a parsed command: the one path for commands from a comment and actions from a page. */
export async function runCommand(ctx: CommandContext, command: Command): Promise<CommandAnswer> {
  switch (command.kind) {
    case 'deploy':
      return deployCommand(ctx, command);
    case 'redeploy':
      return redeployCommand(ctx, command);
    case 'rollback':
      return rollbackCommand(ctx, command);
    case 'lock':
      return lockCommand(ctx, command);
    case 'unlock':
      return unlockCommand(ctx, command);
    case 'status':
      return statusCommand(ctx, command);
    case 'cancel':
      return cancelCommand(ctx, command);
    case 'resume':
      return resumeCommand(ctx, command);
    case 'preview':
      return previewCommand(ctx);
    case 'promote':
      return promoteCommand(ctx, command);
    case 'help': {
      const allowed = await authorize(ctx, 'read');
      return allowed.ok ? { ok: true, reply: helpText(Object.keys(ctx.config.environments)) } : allowed;
    }
  }
}

/**
 * Answers one comment command: parses it, loads the config of the default branch, checks the
 * commenter's permission, runs it, and answers with reactions (👀 accepted, 😕 refused or failed)
 * and a reply. Every reply goes through the redactor.
 */
export async function executeCommand(request: CommandRequest, github: GitHubClient, services: CommandServices): Promise<void> {
  const repo = { owner: request.owner, repo: request.repo };
  const refuse = async (body: string) => {
    await addReaction(github, { ...repo, commentId: request.commentId, content: 'confused' });
    await createComment(github, { ...repo, issueNumber: request.issueNumber, body: services.redactor.redact(body) });
  };
  const parsed = parseCommand(request.body);
  if (!parsed.ok) {
    if (parsed.reason !== 'not_a_command') await refuse(formatParseError(parsed));
    return;
  }
  const loaded = await loadRepositoryConfig(github, { ...repo, ref: request.defaultBranch });
  if (loaded.state === 'invalid')
    return refuse(
      `Runway cannot act: \`${DEPLOY_CONFIG_PATH}\` on ${request.defaultBranch} is invalid.\n\n\`\`\`\n${loaded.message}\n\`\`\``,
    );
  const config = loaded.state === 'valid' ? loaded.config : { environments: {}, notify: [] };
  if (loaded.state === 'missing' && parsed.command.kind !== 'help') {
    return refuse(
      `Runway has nothing to do here: there is no \`${DEPLOY_CONFIG_PATH}\` on ${request.defaultBranch}. Comment \`/help\` to see the commands.`,
    );
  }
  // The notifier URLs and signing secrets are secrets in replies too, even before a chat message was
  // sent; a redactor of this command's own keeps them only while it runs.
  const redactor = services.redactor.child(notifierSecrets(config.notify, services.providerDeps.serverEnv));
  try {
    const ctx = commandContext(request, github, { ...services, redactor }, config);
    const answer = await runCommand(ctx, parsed.command);
    if (!answer.ok) await ctx.react('confused');
    if (answer.reply !== undefined) await ctx.reply(answer.reply);
  } finally {
    redactor.close();
  }
}
