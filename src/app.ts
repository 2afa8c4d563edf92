import type { Webhooks } from '@octokit/webhooks';
import { onCheckEvent } from './handlers/check-event.ts';
import { onDeploymentCreated } from './handlers/deployment-created.ts';
import { onIssueCommentCreated } from './handlers/issue-comment-created.ts';
import { onPullRequestClosed } from './handlers/pull-request-closed.ts';
import { onPullRequestPreview } from './handlers/pull-request-preview.ts';
import { onPush } from './handlers/push.ts';
import { onReleasePublished } from './handlers/release-published.ts';
import type { Database } from './store/database.ts';

export interface AppDeps {
  db: Database;
  /** Wakes the worker after a handler enqueued a job. */
  wake: () => void;
  /** A command comment first seen later than this after it was written gets a note instead of running. */
  commentMaxAgeSeconds: number;
}

/** Which handler answers which webhook event. app.yml subscribes to exactly these events (a test checks). */
export function runwayApp(deps: AppDeps): (app: Pick<Webhooks, 'on'>) => void {
  return (app) => {
    app.on('pull_request.closed', onPullRequestClosed(deps));
    app.on('deployment.created', onDeploymentCreated(deps));
    app.on('issue_comment.created', onIssueCommentCreated(deps));
    // Environments with `on: push`, `on: { tag }` or `on: { release: published }`.
    app.on('push', onPush(deps));
    app.on('release.published', onReleasePublished(deps));
    // Prompts for deployments waiting for CI (the job asks GitHub; the payload is not the answer).
    app.on(['check_run', 'check_suite.completed', 'status'], onCheckEvent(deps));
    app.on(
      ['pull_request.opened', 'pull_request.reopened', 'pull_request.synchronize', 'pull_request.labeled', 'pull_request.closed'],
      onPullRequestPreview(deps),
    );
  };
}
