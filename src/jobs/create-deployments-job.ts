import picomatch from 'picomatch';
import { z } from 'zod';
import type { EnvironmentConfig } from '../config/deploy-config.ts';
import { loadBranchConfig } from '../deployments/load-environment-config.ts';
import { authorizeCause } from '../deployments/authorize-cause.ts';
import { createRunwayDeployment } from '../deployments/create-runway-deployment.ts';
import type { GitHubClientFactory } from '../github/github-client.ts';
import { createComment } from '../github/issue-comments.ts';
import { pullRequestFirstCommitAt } from '../github/pull-request-first-commit.ts';
import { listChangedFiles } from '../github/repository-content.ts';
import type { Redactor } from '../log/redactor.ts';
import type { Queryable } from '../store/database.ts';
import type { Job } from '../store/job-queue.ts';
import { mergeDeploymentExists } from '../store/deployment-origins-store.ts';
import { isProductionEnvironment } from '../config/production-environment.ts';
import { freezeForMerge } from '../flow/freeze-merge.ts';
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
  /** `Bot` for a merge bot or merge queue, which deploys only when `deployers.apps` lists it. */
  mergedByType: z.enum(['User', 'Bot']).default('User'),
});
export type MergedPullRequest = z.infer<typeof mergedPullRequest>;

/**
 * A merged PR → one GitHub Deployment per environment that deploys its base branch and whose
 * `paths` the PR touched, by the config on the default branch (a branch's own config cannot map
 * itself to an environment), when the merger is one of the environment's `deployers` (else a PR
 * comment says why). Safe to run again: an environment that already has Runway's deployment for
 * this PR is skipped.
 */
export function createDeploymentsJob(deps: {
  db: Queryable;
  github: GitHubClientFactory;
  redactor: Redactor;
  /** The clock freeze windows are read from. */
  clock: () => Date;
}): JobHandler {
  return {
    maxAttempts: 5,
    async run(job: Job): Promise<JobOutcome> {
      const pr = mergedPullRequest.parse(job.payload);
      const github = await deps.github(pr.installationId);
      const repo = { owner: pr.owner, repo: pr.repo };
      const loaded = await loadBranchConfig(github, { ...repo, branch: pr.defaultBranch });
      if (loaded.state === 'missing') return { done: true };
      if (loaded.state === 'invalid') {
        await createComment(github, {
          ...repo,
          issueNumber: pr.pullNumber,
          body: deps.redactor.redact(
            `Runway did not deploy this merge: \`.github/deploy.yml\` on ${pr.defaultBranch} is invalid.\n\n\`\`\`\n${loaded.message}\n\`\`\``,
          ),
        });
        return { done: true };
      }
      const candidates = Object.entries(loaded.config.environments).filter(
        ([, env]) => env.on === 'merge' && (env.branch ?? pr.defaultBranch) === pr.baseRef,
      );
      if (candidates.length === 0) return { done: true };
      const needsFiles = candidates.some(([, env]) => env.paths);
      const files = needsFiles ? await listChangedFiles(github, { ...repo, pullNumber: pr.pullNumber }) : [];
      // When the change began, for the lead time (docs/web.md): asked once, only when something deploys.
      let firstCommitAt: Promise<Date | undefined> | undefined;
      for (const [name, env] of candidates) {
        if (!touches(env, files)) continue;
        if (await mergeDeploymentExists(deps.db, { ...repo, environment: name, pullNumber: pr.pullNumber })) continue;
        const cause = { kind: 'merge' as const, login: pr.mergedBy, type: pr.mergedByType };
        const allowed = await authorizeCause(github, { ...repo, environment: name, cause, deployers: env.deployers });
        if (!allowed.ok) {
          await createComment(github, {
            ...repo,
            issueNumber: pr.pullNumber,
            body: deps.redactor.redact(`Runway did not deploy **${name}**: ${allowed.reason}.`),
          });
          continue;
        }
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
        const frozen = await freezeForMerge(deps.db, {
          ...repo,
          environment: name,
          env,
          installationId: pr.installationId,
          now: deps.clock(),
        });
        if (frozen.action === 'refuse') {
          await createComment(github, {
            ...repo,
            issueNumber: pr.pullNumber,
            body: deps.redactor.redact(
              `Runway did not deploy **${name}**: ${frozen.text}, and merges are refused while it is closed.\n\nAfter it ends, comment \`/deploy ${pr.mergeSha} to ${name}\`.`,
            ),
          });
          continue;
        }
        firstCommitAt ??= pullRequestFirstCommitAt(github, { ...repo, pullNumber: pr.pullNumber });
        const firstCommit = (await firstCommitAt)?.toISOString();
        const origin = {
          trigger: 'merge' as const,
          purpose: 'deploy' as const,
          actor: pr.mergedBy,
          actorType: pr.mergedByType,
          issueNumber: pr.pullNumber,
          commandCommentId: null,
          replyCommentId: null,
          rollbackTo: null,
        };
        const created = await createRunwayDeployment(
          deps.db,
          github,
          {
            ...repo,
            ref: pr.mergeSha,
            environment: name,
            task: 'deploy',
            // Runway waits for CI itself (src/flow/advance-deployment.ts): GitHub would refuse pending checks.
            requiredContexts: [],
            productionEnvironment: isProductionEnvironment(name, env),
            payload: {
              runway: {
                trigger: 'merge',
                pull_request: pr.pullNumber,
                merged_by: pr.mergedBy,
                ref: pr.baseRef,
                ...(firstCommit && { first_commit_at: firstCommit }),
              },
            },
            description: `Merge of #${pr.pullNumber} by @${pr.mergedBy}`,
          },
          origin,
        );
        if (!created.ok) {
          const why = created.message;
          await createComment(github, {
            ...repo,
            issueNumber: pr.pullNumber,
            body: deps.redactor.redact(
              `Runway did not deploy **${name}**: ${why}.\n\nComment \`/deploy ${pr.baseRef} to ${name}\` to try again.`,
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
