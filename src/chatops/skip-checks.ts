import type { CommandContext } from './command-context.ts';
import { repositoryRole } from './permission.ts';

/** `--skip-checks` is for repository admins only: anyone else is refused before anything starts. */
export async function maySkipChecks(ctx: CommandContext): Promise<{ ok: true } | { ok: false; reply: string }> {
  const { owner, repo, actor } = ctx.request;
  const role = await repositoryRole(ctx.github, { owner, repo, user: actor });
  if (role === 'admin') return { ok: true };
  return { ok: false, reply: `Refused: \`--skip-checks\` needs admin access to this repository; @${actor} has ${role}.` };
}
