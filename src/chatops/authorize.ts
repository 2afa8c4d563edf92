import type { EnvironmentConfig, Permission } from '../config/deploy-config.ts';
import type { CommandContext } from './command-context.ts';
import { checkPermission, repositoryRole } from './permission.ts';

export type Authorized<T> = { ok: true; value: T } | { ok: false; reply: string };

/** Lists the repository's environments for a reply. */
export function environmentList(ctx: CommandContext): string {
  const names = Object.keys(ctx.config.environments);
  return names.length === 0 ? 'none are configured' : names.map((n) => `\`${n}\``).join(', ');
}

export function findEnvironment(ctx: CommandContext, name: string): Authorized<EnvironmentConfig> {
  const env = Object.hasOwn(ctx.config.environments, name) ? ctx.config.environments[name] : undefined;
  if (!env)
    return { ok: false, reply: `There is no environment \`${name}\` in \`.github/deploy.yml\`. Environments: ${environmentList(ctx)}.` };
  return { ok: true, value: env };
}

/**
 * Checks the commenter against what the command needs (the environment's `deployers`, or read for
 * /status and /help), and reacts 👀 when the command is accepted.
 */
export async function authorize(ctx: CommandContext, required: Permission, users?: readonly string[]): Promise<Authorized<string>> {
  const { owner, repo, actor } = ctx.request;
  const role = await repositoryRole(ctx.github, { owner, repo, user: actor });
  const check = checkPermission(actor, role, required, users);
  if (!check.ok) return { ok: false, reply: `Refused: ${check.reason}.` };
  await ctx.react('eyes');
  return { ok: true, value: role };
}

/** An environment by name, and the commenter allowed to deploy (or lock) it. */
export async function authorizeEnvironment(ctx: CommandContext, name: string): Promise<Authorized<EnvironmentConfig>> {
  const env = findEnvironment(ctx, name);
  if (!env.ok) return env;
  const allowed = await authorize(ctx, env.value.deployers.permission, env.value.deployers.users);
  return allowed.ok ? env : allowed;
}
