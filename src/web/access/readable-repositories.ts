import type { Queryable } from '../../store/database.ts';
import { deployedRepositories } from '../../store/environments-overview.ts';
import type { Caller } from './identify-caller.ts';
import type { RepositoryAccessCheck } from './repository-access.ts';

/**
 * The repositories (`owner/repo`) whose deployments the caller may read, for the pages that list
 * many: undefined means all (the operator). Asked once per repository (cached by the check).
 */
export async function readableRepositories(db: Queryable, caller: Caller, canSee: RepositoryAccessCheck): Promise<string[] | undefined> {
  if (caller.kind === 'admin') return undefined;
  const repositories = await deployedRepositories(db);
  const answers = await Promise.all(repositories.map(async (r) => ((await canSee(caller, r)).read ? `${r.owner}/${r.repo}` : null)));
  return answers.filter((r): r is string => r !== null);
}
