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
  input: RepoRef & { environment: string; cause: Cause | undefined; deployers: EnvironmentConfig['deployers'] },
): Promise<CauseCheck> {
  const { cause, deployers, environment } = input;
  if (!cause) return { ok: false, reason: `nobody is known to have caused this deployment, so it may not deploy ${environment}` };
  const by = describeCause(cause);
  if (isBot(cause)) {
    const slug = cause.login.replace(/\[bot\]$/i, '').toLowerCase();
    if (deployers.apps.some((a) => a.toLowerCase() === slug)) return { ok: true };
    return { ok: false, reason: `${by}, an app that ${environment}'s deployers.apps does not list` };
  }
  const role = await repositoryRole(github, { owner: input.owner, repo: input.repo, user: cause.login });
  const check = checkPermission(cause.login, role, deployers.permission, deployers.users);
  return check.ok ? { ok: true } : { ok: false, reason: `${by}, who may not deploy ${environment}: ${check.reason}` };
}
