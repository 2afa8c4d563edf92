import type { Logger } from 'pino';
import { isProductionEnvironment } from '../config/production-environment.ts';
import { authorizeCause } from '../deployments/authorize-cause.ts';
import { createRunwayDeployment } from '../deployments/create-runway-deployment.ts';
import { loadBranchConfig } from '../deployments/load-environment-config.ts';
import { commitOnBranch } from '../github/commit-on-branch.ts';
import type { GitHubClientFactory } from '../github/github-client.ts';
import type { Queryable } from '../store/database.ts';
import { shaDeployedTo } from '../store/deployments-store.ts';
import type { Job } from '../store/job-queue.ts';
import { environmentTriggeredBy, triggerEvent } from '../triggers/trigger-event.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';
import { freezeForMerge } from '../flow/freeze-merge.ts';
import { getLock } from '../store/locks-store.ts';
import { environmentKey } from './environment-key.ts';

/** How each trigger is named in a refusal, the deployment's description and its payload. */
const words = {
  push: { refusal: 'push to', title: 'Push to', by: 'pushed_by' },
  tag: { refusal: 'tag', title: 'Tag', by: 'tagged_by' },
  release: { refusal: 'release', title: 'Release', by: 'released_by' },
} as const;

/**
 * A push, tag or release → one GitHub Deployment per environment whose `on:` (from the default
 * branch's config) asks for it, when the pusher, tagger or release author is one of its
 * `deployers`. A tag or release deploys only a commit on the environment's branch; a push skips a
 * commit already deployed there. There is no pull request to answer, so a refusal is logged.
 */
export function triggerDeploymentsJob(deps: {
  db: Queryable;
  github: GitHubClientFactory;
  log: Logger;
  /** The clock freeze windows are read from. */
  now?: () => Date;
}): JobHandler {
  return {
    maxAttempts: 5,
    async run(job: Job): Promise<JobOutcome> {
      const event = triggerEvent.parse(job.payload);
      const github = await deps.github(event.installationId);
      const repo = { owner: event.owner, repo: event.repo };
      const log = deps.log.child({ ...repo, trigger: event.kind, name: event.name, actor: event.actor });
      const loaded = await loadBranchConfig(github, { ...repo, branch: event.defaultBranch });
      if (loaded.state !== 'valid') {
        if (loaded.state === 'invalid') log.warn({ problem: loaded.message }, 'not deployed: the config on the default branch is invalid');
        return { done: true };
      }
      for (const [environment, env] of Object.entries(loaded.config.environments)) {
        if (!environmentTriggeredBy(env, event)) continue;
        const branch = env.branch ?? event.defaultBranch;
        let sha = event.sha;
        if (event.kind !== 'push') {
          const reach = await commitOnBranch(github, { ...repo, branch, ref: event.name });
          if (!reach.onBranch) {
            log.warn(
              { environment, sha: reach.sha, branch },
              `not deployed: ${words[event.kind].refusal} ${event.name} names a commit that is not on ${branch}`,
            );
            continue;
          }
          sha = reach.sha;
        }
        if (!sha) continue;
        if (event.kind === 'push' && (await shaDeployedTo(deps.db, { ...repo, environment, sha }))) {
          log.info({ environment, sha }, 'not deployed: this commit is already deployed there');
          continue;
        }
        const cause = { kind: event.kind, login: event.actor, type: event.actorType };
        const allowed = await authorizeCause(github, { ...repo, environment, cause, deployers: env.deployers });
        if (!allowed.ok) {
          log.warn({ environment, sha }, `not deployed: ${allowed.reason}`);
          continue;
        }
        // Locks that refuse and freeze windows treat these triggers as they treat merges.
        const lock =
          env.when_locked === 'refuse' ? await getLock(deps.db, environmentKey(event.owner, event.repo, environment)) : undefined;
        if (lock) {
          log.warn({ environment, sha }, `not deployed: it is locked by @${lock.owner}, and it refuses deployments while locked`);
          continue;
        }
        const now = deps.now?.() ?? new Date();
        const frozen = await freezeForMerge(deps.db, { ...repo, environment, env, installationId: event.installationId, now });
        if (frozen.action === 'refuse') {
          log.warn({ environment, sha }, `not deployed: ${frozen.text}, and merges are refused while it is closed`);
          continue;
        }
        const created = await createRunwayDeployment(
          deps.db,
          github,
          {
            ...repo,
            ref: sha,
            environment,
            task: 'deploy',
            // Runway waits for CI itself (src/flow/advance-deployment.ts).
            requiredContexts: [],
            productionEnvironment: isProductionEnvironment(environment, env),
            payload: { runway: { trigger: event.kind, ref: event.name, [words[event.kind].by]: event.actor } },
            description: `${words[event.kind].title} ${event.name} by @${event.actor}`,
          },
          {
            trigger: event.kind,
            purpose: 'deploy',
            actor: event.actor,
            actorType: event.actorType,
            issueNumber: null,
            commandCommentId: null,
            replyCommentId: null,
            rollbackTo: null,
          },
        );
        if (!created.ok) log.warn({ environment, sha }, `not deployed: ${created.message}`);
      }
      return { done: true };
    },
  };
}
