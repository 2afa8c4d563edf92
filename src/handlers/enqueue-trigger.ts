import type { Database } from '../store/database.ts';
import { recordDelivery } from '../store/deliveries-store.ts';
import { enqueueJob } from '../store/job-queue.ts';
import type { TriggerEvent } from '../triggers/trigger-event.ts';

/** Records a trigger event once per delivery and wakes the worker; nothing here calls GitHub. */
export async function enqueueTrigger(
  deps: { db: Database; wake: () => void },
  context: { id: string; name: string },
  event: TriggerEvent,
): Promise<void> {
  const recorded = await deps.db.transaction(async (tx) => {
    if (!(await recordDelivery(tx, context.id, context.name))) return false;
    const key = `${event.kind}:${event.owner}/${event.repo}:${event.name}`;
    await enqueueJob(tx, { kind: 'trigger_deployments', key, payload: event });
    return true;
  });
  if (recorded) deps.wake();
}
