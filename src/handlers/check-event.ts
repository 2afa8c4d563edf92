import type { EmitterWebhookEvent as WebhookEvent } from '@octokit/webhooks';
import type { Database } from '../store/database.ts';
import { waitingForChecksOn } from '../store/deployment-waits-store.ts';
import { scheduleCheckWait } from '../store/job-queue.ts';

type CheckEvent = 'check_run' | 'check_suite.completed' | 'status';

/** The commit a check event is about. */
function shaOf(event: WebhookEvent<CheckEvent>): string | undefined {
  const p = event.payload as { check_run?: { head_sha?: string }; check_suite?: { head_sha?: string }; sha?: string };
  return p.check_run?.head_sha ?? p.check_suite?.head_sha ?? p.sha;
}

/**
 * A check run, check suite or commit status changed: if a deployment waits for the checks of that
 * commit, its check job runs now. The event is only a prompt: the job asks GitHub how the checks
 * stand (anyone with write access can post a status, and a payload is not the record). No GitHub
 * call here, and nothing stored when no deployment waits for that commit.
 */
export function onCheckEvent(deps: { db: Database; wake: () => void }) {
  return async (event: WebhookEvent<CheckEvent>): Promise<void> => {
    const sha = shaOf(event);
    const { repository, installation } = event.payload as {
      repository?: { name: string; owner: { login: string } };
      installation?: unknown;
    };
    if (!sha || !repository || !installation) return;
    const waiting = await waitingForChecksOn(deps.db, { owner: repository.owner.login, repo: repository.name, shas: [sha] });
    if (waiting.length === 0) return;
    await deps.db.transaction(async (tx) => {
      for (const id of waiting) await scheduleCheckWait(tx, id, 0);
    });
    deps.wake();
  };
}
