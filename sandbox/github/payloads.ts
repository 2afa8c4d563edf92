import { FakeHttpError } from './http-error.ts';
import { deploymentShape } from './shapes/deployment.ts';
import { commentShape, issueShape } from './shapes/issue.ts';
import { pullRequestShape } from './shapes/pull-request.ts';
import { pushShape, releaseShape } from './shapes/push-and-release.ts';
import { repositoryShape } from './shapes/repository.ts';
import type { Urls } from './shapes/urls.ts';
import { nodeId, userShape } from './shapes/user.ts';
import type { FakeState, RepoRecord } from './state.ts';
import type { PayloadBuilders } from './types.ts';

/**
 * Webhook payloads built from live state, with the keys of the payloads saved under
 * fixtures/webhooks/ (which come from @octokit/webhooks-examples); a test keeps them in step.
 */
export function payloadBuilders(urls: Urls, state: FakeState): PayloadBuilders {
  const envelope = (repo: RepoRecord, sender: string, senderType?: 'User' | 'Bot'): Record<string, unknown> => ({
    repository: repositoryShape(urls, repo),
    sender: userShape(urls, sender, senderType),
    installation: { id: repo.installationId, node_id: nodeId('IntegrationInstallation', repo.installationId) },
  });
  return {
    deploymentCreated(owner, name, deploymentId) {
      const repo = state.repo(owner, name);
      const deployment = repo.deployments.find((d) => d.id === deploymentId);
      if (!deployment) throw new FakeHttpError(404, `No deployment ${deploymentId} in ${owner}/${name}`);
      return {
        action: 'created',
        deployment: deploymentShape(urls, repo, deployment),
        workflow: null,
        workflow_run: null,
        ...envelope(repo, deployment.creator, deployment.creatorType),
      };
    },
    pullRequestClosed(owner, name, number) {
      const repo = state.repo(owner, name);
      const pr = state.pull(repo, number);
      const sender = pr.mergedBy ?? pr.user;
      return { action: 'closed', number, pull_request: pullRequestShape(urls, state, repo, pr), ...envelope(repo, sender) };
    },
    pullRequestEvent(owner, name, number, action, input = {}) {
      const repo = state.repo(owner, name);
      const pr = state.pull(repo, number);
      const label =
        input.label === undefined ? {} : { label: { id: state.nextId('comment'), name: input.label, color: 'ededed', default: false } };
      return {
        action,
        number,
        pull_request: pullRequestShape(urls, state, repo, pr),
        ...label,
        ...envelope(repo, input.sender ?? pr.user),
      };
    },
    push(owner, name, input) {
      const repo = state.repo(owner, name);
      return { ...envelope(repo, input.pusher), ...pushShape(urls, state, repo, input) };
    },
    releasePublished(owner, name, input) {
      const repo = state.repo(owner, name);
      return { action: 'published', release: releaseShape(urls, state, repo, input), ...envelope(repo, input.author) };
    },
    issueCommentCreated(owner, name, commentId) {
      const repo = state.repo(owner, name);
      const comment = repo.comments.find((c) => c.id === commentId);
      if (!comment) throw new FakeHttpError(404, `No comment ${commentId} in ${owner}/${name}`);
      return {
        action: 'created',
        issue: issueShape(urls, state, repo, comment.issueNumber),
        comment: commentShape(urls, state, repo, comment),
        ...envelope(repo, comment.user, comment.userType),
      };
    },
  };
}
