/** A command Runway accepts in an issue or pull-request comment. */
export type Command =
  /** `skipChecks`: an admin starts without waiting for CI; `force`: an admin deploys through a lock, hold or freeze window (src/flow/force-gate.ts). */
  | { kind: 'deploy'; ref?: string; environment?: string; dryRun: boolean; skipChecks?: boolean; force?: true }
  | { kind: 'redeploy'; environment: string; dryRun: boolean }
  | { kind: 'rollback'; environment: string; to?: { sha: string } | { deploymentId: number }; dryRun: boolean }
  /** `minutes`: the lock lifts itself that long after it was taken. */
  | { kind: 'lock'; environment: string; reason?: string; minutes?: number }
  /** `/lock --all`: every environment of the repository. */
  | { kind: 'lock'; all: true; reason?: string; minutes?: number }
  | { kind: 'unlock'; environment: string }
  | { kind: 'status'; environment?: string }
  | { kind: 'help' }
  // Deploy flow (issue 14 §3, §4): stop or remove a deployment; let merges through after a rollback.
  | { kind: 'cancel'; target: { environment: string } | { deploymentId: number }; undo: boolean }
  | { kind: 'resume'; environment: string }
  // Issue 16: a preview of this pull request (for a fork PR, approves its head commit).
  | { kind: 'preview' }
  // Issue 14 §6: ship what is live on `from` to `to` without rebuilding the backend.
  | { kind: 'promote'; from: string; to: string; dryRun: boolean };

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
  deploy: '/deploy [<ref>] [to <environment>] [--dry-run] [--skip-checks] [--force]',
  redeploy: '/redeploy <environment> [--dry-run]',
  rollback: '/rollback <environment> [to <sha|deployment id>] [--dry-run]',
  lock: '/lock <environment>|--all [for <n>m|h|d] [reason...]',
  unlock: '/unlock <environment>',
  status: '/status [<environment>]',
  help: '/help',
  cancel: '/cancel <environment|deployment id> [--no-undo]',
  resume: '/resume <environment>',
  preview: '/preview',
  promote: '/promote <environment> to <environment> [--dry-run]',
};

export const commandKinds = Object.keys(usages) as CommandKind[];

export function isCommandKind(word: string): word is CommandKind {
  return Object.hasOwn(usages, word);
}
