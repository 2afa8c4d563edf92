import type { EnvironmentConfig } from '../config/deploy-config.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { checkVerdict, everyObservedCheck, type CheckVerdict } from './check-verdict.ts';
import { observedChecks } from './observed-checks.ts';
import { requiredChecks, type RequiredCheck } from './required-checks.ts';

/**
 * Asks GitHub how the checks of `sha` stand against what the environment waits for (its `checks`,
 * read from the default branch's config, plus any legacy `required_contexts` names):
 * - `required`: the checks the environment's branch requires (protection and rulesets), each from
 *   the source they name; none when neither requires any;
 * - `all`: every check and status on the commit;
 * - a list of names: those, from the source protection or a ruleset names for them, else any;
 * - `none`: nothing.
 */
export async function checksVerdict(
  github: GitHubClient,
  r: { owner: string; repo: string; sha: string; branch: string; env: EnvironmentConfig },
): Promise<CheckVerdict> {
  const { checks } = r.env;
  const legacy: RequiredCheck[] = r.env.required_contexts.map((name) => ({ name, appId: null }));
  if (checks === 'none' && legacy.length === 0) return { state: 'green', total: 0 };
  const repo = { owner: r.owner, repo: r.repo };
  // What the branch requires and what the commit has are asked at once; the commit's checks only
  // when something can be required of them (`required` on a branch that requires nothing: no call).
  const observing = checks === 'required' && legacy.length === 0 ? undefined : observedChecks(github, { ...repo, sha: r.sha });
  // Settled (ignored) until awaited below, so a failing branch request leaves no unhandled rejection.
  observing?.catch(() => undefined);
  const branchRequires = checks === 'required' || Array.isArray(checks) ? await requiredChecks(github, { ...repo, branch: r.branch }) : [];
  if (checks === 'required' && legacy.length === 0 && branchRequires.length === 0) return { state: 'green', total: 0 };
  const observed = await (observing ?? observedChecks(github, { ...repo, sha: r.sha }));
  let required: RequiredCheck[];
  if (checks === 'required') required = branchRequires;
  else if (checks === 'all') required = everyObservedCheck(observed);
  else if (checks === 'none') required = [];
  else {
    required = checks.flatMap((name) => {
      const named = branchRequires.filter((c) => c.name === name);
      return named.length > 0 ? named : [{ name, appId: null }];
    });
  }
  for (const extra of legacy) if (!required.some((c) => c.name === extra.name)) required.push(extra);
  return checkVerdict(required, observed);
}
