import { ProbotOctokit } from 'probot';
import type { FakeGitHub } from '../../sandbox/github/index.ts';

/**
 * Creates a GitHub Deployment through the fake's REST API (as another tool would), waits until
 * Runway reports it `success`, and returns Runway's own id for it (from the `log_url`).
 */
export async function deployThroughApi(
  github: FakeGitHub,
  repo: { owner: string; name: string; installationId: number },
  input: { environment: string; ref?: string },
): Promise<{ runwayId: number; sha: string; logUrl: string }> {
  const octokit = new ProbotOctokit({
    auth: { token: github.issueToken(repo.installationId) },
    baseUrl: `${github.url}/api/v3`,
    throttle: { enabled: false },
  });
  const created = await octokit.rest.repos.createDeployment({
    owner: repo.owner,
    repo: repo.name,
    ref: input.ref ?? 'main',
    environment: input.environment,
    auto_merge: false,
    required_contexts: [],
  });
  const githubId = (created.data as { id: number }).id;
  const done = await github.waitFor(
    () => github.deployments(repo.owner, repo.name).find((d) => d.id === githubId && d.statuses.at(-1)?.state === 'success'),
    { what: `the deployment of ${repo.owner}/${repo.name} to succeed` },
  );
  const logUrl = done.statuses.at(-1)!.logUrl;
  return { runwayId: Number(/\/deployments\/(\d+)$/.exec(logUrl)![1]), sha: done.sha, logUrl };
}
