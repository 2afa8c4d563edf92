import { checkPermission, repositoryRole } from '../../chatops/permission.ts';
import type { GitHubClientFactory } from '../../github/github-client.ts';
import { httpStatus } from '../../github/github-client.ts';
import type { Caller } from './identify-caller.ts';

/** What a caller may see of one repository's deployments. */
export interface RepositoryAccess {
  /** The deployments, their steps and results. */
  read: boolean;
  /** Their logs (build output). */
  logs: boolean;
  /** The user's role on the repository (`operator` for the admin token, which is read-only). */
  role: string;
}

export interface RepositoryRef {
  owner: string;
  repo: string;
  installationId: number;
}

export type RepositoryAccessCheck = (caller: Caller, repository: RepositoryRef) => Promise<RepositoryAccess>;

const NONE: RepositoryAccess = { read: false, logs: false, role: 'none' };
const OPERATOR: RepositoryAccess = { read: true, logs: true, role: 'operator' };

/**
 * Decides who reads what, asking GitHub with the installation's token (never the user's): a
 * private repository needs read access; a public one is readable by every signed-in user, but its
 * logs need `publicLogRole`. Answers are cached for `cacheSeconds` per user and repository, so a
 * page of 50 repositories costs GitHub calls once a minute, and a removed collaborator loses
 * access within that time.
 */
export function repositoryAccessCheck(input: {
  github: GitHubClientFactory;
  publicLogRole: 'read' | 'triage' | 'write' | 'maintain' | 'admin';
  cacheSeconds?: number;
}): RepositoryAccessCheck {
  const ttlMs = (input.cacheSeconds ?? 60) * 1000;
  const cache = new Map<string, { at: number; answer: Promise<RepositoryAccess> }>();

  async function ask(login: string, ref: RepositoryRef): Promise<RepositoryAccess> {
    const client = await input.github(ref.installationId);
    const [repository, role] = await Promise.all([
      client.rest.repos.get({ owner: ref.owner, repo: ref.repo }),
      repositoryRole(client, { owner: ref.owner, repo: ref.repo, user: login }).catch((error: unknown) => {
        // GitHub answers 404 for a user it does not know; that user has no role here.
        if (httpStatus(error) === 404) return 'none';
        throw error;
      }),
    ]);
    const has = (required: 'read' | 'triage' | 'write' | 'maintain' | 'admin') => checkPermission(login, role, required).ok;
    if (repository.data.private) return has('read') ? { read: true, logs: true, role } : NONE;
    return { read: true, logs: has(input.publicLogRole), role };
  }

  return async (caller, ref) => {
    if (caller.kind === 'admin') return OPERATOR;
    if (caller.kind !== 'user') return NONE;
    const key = `${caller.id}\n${ref.installationId}\n${ref.owner}/${ref.repo}`.toLowerCase();
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && now - hit.at < ttlMs) return hit.answer;
    const answer = ask(caller.login, ref);
    cache.set(key, { at: now, answer });
    // A failed question is not remembered: the next page asks again.
    answer.catch(() => cache.delete(key));
    if (cache.size > 10_000) for (const [k, v] of cache) if (now - v.at >= ttlMs) cache.delete(k);
    return answer;
  };
}
