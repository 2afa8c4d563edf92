import { httpStatus, type GitHubClient } from '../github/github-client.ts';

/** A check that must be green, and the GitHub App that must post it (`null`: any source). */
export interface RequiredCheck {
  name: string;
  appId: number | null;
}

// Branch protection's `app_id` -1 (or none) means "any source".
const source = (id: number | null | undefined): number | null => (typeof id === 'number' && id > 0 ? id : null);

/**
 * The checks a branch requires: branch protection's required status checks (from `GET
 * /branches/{branch}`, which the `metadata`/`contents` read permission shows, unlike the protection
 * endpoint that needs administration access) and every ruleset's `required_status_checks` rule that
 * applies to the branch (`GET /rules/branches/{branch}`). Each with the app that must post it.
 */
export async function requiredChecks(github: GitHubClient, r: { owner: string; repo: string; branch: string }): Promise<RequiredCheck[]> {
  const found: RequiredCheck[] = [];
  // Both asked at once; the rules are settled (ignored) until awaited, so a failing branch request leaves no unhandled rejection.
  const asking = github.paginate(github.rest.repos.getBranchRules, { owner: r.owner, repo: r.repo, branch: r.branch, per_page: 100 });
  asking.catch(() => undefined);
  try {
    const branch = await github.rest.repos.getBranch({ owner: r.owner, repo: r.repo, branch: r.branch });
    for (const check of branch.data.protection?.required_status_checks?.checks ?? []) {
      found.push({ name: check.context, appId: source(check.app_id) });
    }
  } catch (error) {
    // A branch that does not exist (yet) requires nothing of its own; rulesets may still apply.
    if (httpStatus(error) !== 404) throw error;
  }
  const rules = await asking;
  for (const rule of rules) {
    if (rule.type !== 'required_status_checks') continue;
    for (const check of rule.parameters?.required_status_checks ?? []) {
      found.push({ name: check.context, appId: source(check.integration_id) });
    }
  }
  const seen = new Set<string>();
  return found.filter((c) => {
    const key = `${c.name}\u0000${c.appId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
