import type { FakeDeployment, FakeGitHub } from '../../sandbox/github/index.ts';

const FINAL = new Set(['success', 'failure', 'error']);

export type EndedDeployment = FakeDeployment & { final: FakeDeployment['statuses'][number] };

/**
 * Waits until the deployments GitHub holds for `sha` have all reached a final status and returns
 * them with that status. At least `atLeast` (default 1) must exist before it returns.
 */
export async function endedDeploymentsOf(
  github: FakeGitHub,
  repo: { owner: string; name: string },
  sha: string,
  opts: { atLeast?: number; timeoutMs: number },
): Promise<EndedDeployment[]> {
  return github.waitFor(
    () => {
      const forSha = github.deployments(repo.owner, repo.name).filter((d) => d.sha === sha);
      if (forSha.length < (opts.atLeast ?? 1)) return undefined;
      const ended = forSha.flatMap((d) => {
        const final = d.statuses.find((s) => FINAL.has(s.state));
        return final ? [{ ...d, final }] : [];
      });
      return ended.length === forSha.length ? ended : undefined;
    },
    { timeoutMs: opts.timeoutMs, what: `the deployments of ${sha.slice(0, 7)} to end` },
  );
}
