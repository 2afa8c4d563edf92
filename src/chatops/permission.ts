import type { Permission } from '../config/deploy-config.ts';
import type { GitHubClient, RepoRef } from '../github/github-client.ts';

const ranks: Readonly<Record<string, number>> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export type PermissionCheck = { ok: true; role: string } | { ok: false; reason: string };

/** The commenter's role on the repository: `role_name` when GitHub knows it, else the legacy `permission`. */
export async function repositoryRole(github: GitHubClient, input: RepoRef & { user: string }): Promise<string> {
  const res = await github.rest.repos.getCollaboratorPermissionLevel({ owner: input.owner, repo: input.repo, username: input.user });
  const role = res.data.role_name;
  // A custom role name ranks like the base permission GitHub folds it into.
  return role in ranks ? role : res.data.permission;
}

/** Whether `role` (and `user`) may do what needs `required`, optionally restricted to a list of users. */
export function checkPermission(user: string, role: string, required: Permission, users?: readonly string[]): PermissionCheck {
  if ((ranks[role] ?? 0) < ranks[required]!) {
    return { ok: false, reason: `@${user} has ${role} access to this repository; this needs ${required} or more` };
  }
  if (users && !users.some((u) => u.toLowerCase() === user.toLowerCase())) {
    return { ok: false, reason: `only ${users.map((u) => `@${u}`).join(', ')} may do this here` };
  }
  return { ok: true, role };
}
