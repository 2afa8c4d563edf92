import picomatch from 'picomatch';
import { z } from 'zod';
import type { EnvironmentConfig } from '../config/deploy-config.ts';
import { loadRepositoryConfig } from '../deployments/load-environment-config.ts';
import { createDeployment, findDeployments } from '../github/deployments-api.ts';
import type { GitHubClientFactory } from '../github/github-client.ts';
import { createComment } from '../github/issue-comments.ts';
import { listChangedFiles } from '../github/repository-content.ts';
import type { Redactor } from '../log/redactor.ts';
import type { Queryable } from '../store/database.ts';
import type { Job } from '../store/job-queue.ts';
import { getLock } from '../store/locks-store.ts';
import { environmentKey } from './environment-key.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';

/** What the pull_request handler records for the worker. */
export const mergedPullRequest = z.object({
  installationId: z.number(),
  owner: z.string(),
  repo: z.string(),
  pullNumber: z.number(),
  mergeSha: z.string(),
  baseRef: z.string(),
  defaultBranch: z.string(),
  mergedBy: z.string(),
});
export type MergedPullRequest = z.infer<typeof mergedPullRequest>;

/**
 * A merged PR → one GitHub Deployment per environment that deploys its base branch and whose
 * `paths` the PR touched. Safe to run again: an environment that already has Runway's deployment
 * for this PR is skipped.
 */
export function createDeploymentsJob(deps: { db: Queryable; github: GitHubClientFactory; redactor: Redactor }): JobHandler {
  return {
    maxAttempts: 5,
    async run(job: Job): Promise<JobOutcome> {
      const pr = mergedPullRequest.parse(job.payload);
      const github = await deps.github(pr.installationId);
      const repo = { owner: pr.owner, repo: pr.repo };
      const loaded = await loadRepositoryConfig(github, { ...repo, ref: pr.mergeSha });
      if (loaded.state === 'missing') return { done: true };
      if (loaded.state === 'invalid') {
        await createComment(github, {
          ...repo,
          issueNumber: pr.pullNumber,
          body: deps.redactor.redact(
            `Runway did not deploy this merge: \`.github/deploy.yml\` is invalid.\n\n\`\`\`\n${loaded.message}\n\`\`\``,
          ),
        });
        return { done: true };
      }
      const candidates = Object.entries(loaded.config.environments).filter(([, env]) => (env.branch ?? pr.defaultBranch) === pr.baseRef);
      if (candidates.length === 0) return { done: true };
      const needsFiles = candidates.some(([, env]) => env.paths);
      const files = needsFiles ? await listChangedFiles(github, { ...repo, pullNumber: pr.pullNumber }) : [];
      for (const [name, env] of candidates) {
        if (!touches(env, files)) continue;
        const existing = await findDeployments(github, { ...repo, sha: pr.mergeSha, environment: name });
        if (existing.some((d) => isFromPullRequest(d.payload, pr.pullNumber))) continue;
        const lock = env.when_locked === 'refuse' ? await getLock(deps.db, environmentKey(pr.owner, pr.repo, name)) : undefined;
        if (lock) {
          await createComment(github, {
            ...repo,
            issueNumber: pr.pullNumber,
            body: deps.redactor.redact(
              `Runway did not deploy **${name}**: it is locked by @${lock.owner}${lock.reason ? `: ${lock.reason}` : ''}, and it refuses deployments while locked.\n\nAfter \`/unlock ${name}\`, comment \`/deploy ${pr.mergeSha} to ${name}\`.`,
            ),
          });
          continue;
        }
        const created = await createDeployment(github, {
          ...repo,
          ref: pr.mergeSha,
          environment: name,
          task: 'deploy',
          requiredContexts: env.required_contexts,
          payload: { runway: { trigger: 'merge', pull_request: pr.pullNumber, merged_by: pr.mergedBy, ref: pr.baseRef } },
          description: `Merge of #${pr.pullNumber} by @${pr.mergedBy}`,
        });
        if (!created.ok) {
          const why =
            created.reason === 'checks_failed'
              ? `the required checks (${env.required_contexts.join(', ') || 'all'}) are not green on ${pr.mergeSha.slice(0, 7)}`
              : created.message;
          await createComment(github, {
            ...repo,
            issueNumber: pr.pullNumber,
            body: deps.redactor.redact(
              `Runway did not deploy **${name}**: ${why}.\n\nFix the checks, then comment \`/deploy ${pr.baseRef} to ${name}\`.`,
            ),
          });
        }
      }
      return { done: true };
    },
  };
}

function touches(env: EnvironmentConfig, files: string[]): boolean {
  if (!env.paths) return true;
  const match = picomatch(env.paths, { dot: true });
  return files.some((f) => match(f));
}

function isFromPullRequest(payload: unknown, pullNumber: number): boolean {
  const p = (typeof payload === 'string' ? safeJson(payload) : payload) as { runway?: { pull_request?: number } } | null;
  return p?.runway?.pull_request === pullNumber;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}
