import { ProbotOctokit } from 'probot';
import type { FakeGitHub } from '../../sandbox/github/index.ts';

type Repo = { owner: string; name: string; installationId: number };

/**
 * Creates a GitHub Deployment through the fake's REST API (as another tool would) and waits until
 * Runway posts its first status with a `log_url`; returns Runway's own id for it (from that URL).
 */
export async function startApiDeployment(
  github: FakeGitHub,
  repo: Repo,
  input: { environment: string; ref?: string },
): Promise<{ githubId: number; runwayId: number; logUrl: string }> {
  // A deployment tool with a token of its own: its user, the deployment's creator, may deploy.
  github.setPermission(repo.owner, repo.name, 'deploy-tool', 'write');
  const octokit = new ProbotOctokit({
    auth: { token: github.userToken('deploy-tool') },
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
  const first = await github.waitFor(
    () =>
      github
        .deployments(repo.owner, repo.name)
        .find((d) => d.id === githubId)
        ?.statuses.find((s) => s.logUrl),
    {
      what: `the first status of the deployment of ${repo.owner}/${repo.name}`,
    },
  );
  return { githubId, runwayId: Number(/\/deployments\/(\d+)$/.exec(first.logUrl)![1]), logUrl: first.logUrl };
}

/** The same, and waits until Runway reports the deployment `success`. */
export async function deployThroughApi(
  github: FakeGitHub,
  repo: Repo,
  input: { environment: string; ref?: string },
): Promise<{ runwayId: number; sha: string; logUrl: string }> {
  const started = await startApiDeployment(github, repo, input);
  const done = await github.waitFor(
    () => github.deployments(repo.owner, repo.name).find((d) => d.id === started.githubId && d.statuses.at(-1)?.state === 'success'),
    { what: `the deployment of ${repo.owner}/${repo.name} to succeed` },
  );
  return { runwayId: started.runwayId, sha: done.sha, logUrl: started.logUrl };
}
