import type { Permission } from '../config/deploy-config.ts';
import { httpStatus, type GitHubClient, type RepoRef } from '../github/github-client.ts';

// A Map, not an object: a role name from GitHub (`constructor`, `toString`) must not find a prototype property.
const ranks: ReadonlyMap<string, number> = new Map([
  ['none', 0],
  ['read', 1],
  ['triage', 2],
  ['write', 3],
  ['maintain', 4],
  ['admin', 5],
]);

export type PermissionCheck = { ok: true; role: string } | { ok: false; reason: string };

/**
 * The user's role on the repository: `role_name` when it is a base role, else the legacy
 * `permission` (a custom role ranks like the base permission GitHub folds it into). A user GitHub
 * does not know (404) has none.
 */
export async function repositoryRole(github: GitHubClient, input: RepoRef & { user: string }): Promise<string> {
  try {
    const res = await github.rest.repos.getCollaboratorPermissionLevel({ owner: input.owner, repo: input.repo, username: input.user });
    const role = res.data.role_name;
    if (ranks.has(role)) return role;
    return ranks.has(res.data.permission) ? res.data.permission : 'none';
  } catch (error) {
    if (httpStatus(error) === 404) return 'none';
    throw error;
  }
}

/** Whether `role` (and `user`) may do what needs `required`, optionally restricted to a list of users. */
export function checkPermission(user: string, role: string, required: Permission, users?: readonly string[]): PermissionCheck {
  if ((ranks.get(role) ?? 0) < (ranks.get(required) ?? Number.POSITIVE_INFINITY)) {
    return { ok: false, reason: `@${user} has ${role} access to this repository; this needs ${required} or more` };
  }
  if (users && !users.some((u) => u.toLowerCase() === user.toLowerCase())) {
    return { ok: false, reason: `only ${users.map((u) => `@${u}`).join(', ')} may do this here` };
  }
  return { ok: true, role };
}
