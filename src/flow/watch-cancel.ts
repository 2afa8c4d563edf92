import type { Queryable } from '../store/database.ts';
import { getCancelRequest } from '../store/cancel-requests-store.ts';
import { CancelledError } from './cancelled-error.ts';

/**
 * A signal for one deployment's run that is aborted with a CancelledError once someone `/cancel`s
 * it (the request is in the store: the command may run on another replica), or when `parent` is.
 * The running step then stops its sandbox (and every process in it) through that signal.
 */
export function watchCancel(
  db: Queryable,
  deploymentId: number,
  parent: AbortSignal,
  everyMs = 1000,
): { signal: AbortSignal; stop(): void } {
  const controller = new AbortController();
  const follow = () => controller.abort(parent.reason);
  if (parent.aborted) follow();
  else parent.addEventListener('abort', follow, { once: true });
  let looking = false;
  const timer = setInterval(() => {
    if (looking || controller.signal.aborted) return;
    looking = true;
    getCancelRequest(db, deploymentId)
      .then((request) => {
        if (request) controller.abort(new CancelledError(request.actor, request.undo));
      })
      // The store was unreachable for a moment: look again at the next tick.
      .catch(() => undefined)
      .finally(() => {
        looking = false;
      });
  }, everyMs);
  return {
    signal: controller.signal,
    stop: () => {
      clearInterval(timer);
      parent.removeEventListener('abort', follow);
    },
  };
}
