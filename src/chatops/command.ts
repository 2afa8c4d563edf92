/** A command Runway accepts in an issue or pull-request comment. */
export type Command =
  | { kind: 'deploy'; ref?: string; environment?: string; dryRun: boolean }
  | { kind: 'redeploy'; environment: string; dryRun: boolean }
  | { kind: 'rollback'; environment: string; to?: { sha: string } | { deploymentId: number }; dryRun: boolean }
  | { kind: 'lock'; environment: string; reason?: string }
  | { kind: 'unlock'; environment: string }
  | { kind: 'status'; environment?: string }
  | { kind: 'help' }
  // Issue 16: a preview of this pull request (for a fork PR, approves its head commit).
  | { kind: 'preview' };

export type CommandKind = Command['kind'];

export type ParseResult =
  | { ok: true; command: Command }
  /** An ordinary comment: ignore it silently. */
  | { ok: false; reason: 'not_a_command' }
  | { ok: false; reason: 'unknown_command'; word: string; suggestion?: CommandKind }
  | { ok: false; reason: 'bad_arguments'; command: CommandKind; message: string; usage: string };

export type ParseFailure = Extract<ParseResult, { ok: false }>;

/** One usage line per command, in the order `/help` lists them. */
export const usages: Readonly<Record<CommandKind, string>> = {
  deploy: '/deploy [<ref>] [to <environment>] [--dry-run]',
  redeploy: '/redeploy <environment> [--dry-run]',
  rollback: '/rollback <environment> [to <sha|deployment id>] [--dry-run]',
  lock: '/lock <environment> [reason...]',
  unlock: '/unlock <environment>',
  status: '/status [<environment>]',
  help: '/help',
  preview: '/preview',
};

export const commandKinds = Object.keys(usages) as CommandKind[];

export function isCommandKind(word: string): word is CommandKind {
  return Object.hasOwn(usages, word);
}
