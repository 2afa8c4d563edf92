import type { EnvironmentConfig } from '../config/deploy-config.ts';
import { checkPermission, repositoryRole } from '../chatops/permission.ts';
import type { GitHubClient, RepoRef } from '../github/github-client.ts';
import { describeCause, isBot, type Cause } from './deployment-cause.ts';

export type CauseCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether whoever caused a deployment may deploy the environment, by the `deployers` of the
 * default branch's config: a person needs the permission (and to be listed, when `users` is set);
 * a bot or GitHub App passes only when `apps` lists it, never through a permission.
 */
export async function authorizeCause(
  github: GitHubClient,
  input: RepoRef & {
    environment: string;
    cause: Cause | undefined;
    deployers: EnvironmentConfig['deployers'];
    /** The cause's role on the repository, when the caller already asked for it (causeRole). */
    role?: Promise<string> | undefined;
  },
): Promise<CauseCheck> {
  const { cause, deployers, environment } = input;
  if (!cause) return { ok: false, reason: `nobody is known to have caused this deployment, so it may not deploy ${environment}` };
  const by = describeCause(cause);
  if (isBot(cause)) {
    const slug = cause.login.replace(/\[bot\]$/i, '').toLowerCase();
    if (deployers.apps.some((a) => a.toLowerCase() === slug)) return { ok: true };
    return { ok: false, reason: `${by}, an app that ${environment}'s deployers.apps does not list` };
  }
  const role = await (input.role ?? repositoryRole(github, { owner: input.owner, repo: input.repo, user: cause.login }));
  const check = checkPermission(cause.login, role, deployers.permission, deployers.users);
  return check.ok ? { ok: true } : { ok: false, reason: `${by}, who may not deploy ${environment}: ${check.reason}` };
}

/**
 * Asks GitHub for a person's role on the repository ahead of authorizeCause, so that the request
 * runs beside others; undefined for a bot (no role is looked at) or an unknown cause. The promise
 * is settled (ignored) until authorizeCause awaits it.
 */
export function causeRole(github: GitHubClient, input: RepoRef & { cause: Cause | undefined }): Promise<string> | undefined {
  if (!input.cause || isBot(input.cause)) return undefined;
  const role = repositoryRole(github, { owner: input.owner, repo: input.repo, user: input.cause.login });
  role.catch(() => undefined);
  return role;
}
