import type { FakeDeployment, FakeDeploymentStatus, FakeGitHub } from '../../sandbox/github/index.ts';
import { readTree } from '../../sandbox/read-tree.ts';
import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';

const FINAL = new Set(['success', 'failure', 'error']);

/** A fixture app of `fixtures/heroku-apps/` as files at `prefix` in a repository. */
export function herokuFixture(name: string, prefix: string): Promise<Record<string, string>> {
  return readTree(new URL(`../../fixtures/heroku-apps/${name}`, import.meta.url).pathname, prefix);
}

/** The change that makes `prefix` on `ref` hold exactly `files`: files no longer there are deleted. */
export function replaceFolder(
  github: FakeGitHub,
  repo: { owner: string; name: string; ref?: string },
  prefix: string,
  files: Record<string, string>,
): Record<string, string | null> {
  const change: Record<string, string | null> = { ...files };
  for (const existing of Object.keys(github.filesAt(repo.owner, repo.name, repo.ref ?? 'main'))) {
    if (existing.startsWith(`${prefix}/`) && !(existing in files)) change[existing] = null;
  }
  return change;
}

export interface MergedDeployment {
  pr: number;
  mergeSha: string;
  deployment: FakeDeployment;
  /** The deployment's first final status (success, failure or error); a later `inactive` does not replace it. */
  final: FakeDeploymentStatus;
}

/** The first final status of a deployment, if it has one. */
export function finalStatus(deployment: FakeDeployment): FakeDeploymentStatus | undefined {
  return deployment.statuses.find((s) => FINAL.has(s.state));
}

/**
 * Commits `files` to a new branch, opens a pull request and merges it, then waits until the
 * deployment of the merge commit to `environment` has a final status.
 */
export async function mergeAndAwaitDeployment(
  github: FakeGitHub,
  input: { owner: string; repo: string; branch: string; files: Record<string, string | null>; environment: string; timeoutMs?: number },
): Promise<MergedDeployment> {
  const { owner, repo } = input;
  github.commit(owner, repo, { branch: input.branch, files: input.files, message: `${input.branch}` });
  const pr = github.openPullRequest(owner, repo, { head: input.branch, title: input.branch, user: 'dev' });
  const { mergeSha, delivery } = await github.mergePullRequest(owner, repo, pr, { mergedBy: 'lead' });
  if (delivery.status < 200 || delivery.status >= 300)
    throw new Error(`Runway answered the merge webhook with ${delivery.status}: ${delivery.body}`);
  const deployment = await github.waitFor(
    () => github.deployments(owner, repo).find((d) => d.sha === mergeSha && d.environment === input.environment && finalStatus(d)),
    {
      what: `a final status for the deployment of ${input.branch} (${mergeSha.slice(0, 7)}) to ${input.environment}`,
      timeoutMs: input.timeoutMs ?? 120_000,
    },
  );
  return { pr, mergeSha, deployment, final: finalStatus(deployment)! };
}

/** The deployment log as Runway serves it to people: plain text, or the HTML page. */
export async function fetchLogPage(runwayUrl: string, logUrl: string, type: 'text/plain' | 'text/html' = 'text/plain'): Promise<string> {
  const response = await fetchRunwayPage(runwayUrl, logUrl, { headers: { accept: type } });
  if (!response.ok) throw new Error(`GET ${logUrl} answered ${response.status}`);
  return response.text();
}
