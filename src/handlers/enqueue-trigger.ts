import type { Database } from '../store/database.ts';
import { recordDelivery } from '../store/deliveries-store.ts';
import { enqueueJob } from '../store/job-queue.ts';
import type { TriggerEvent } from '../triggers/trigger-event.ts';

/** Records a trigger event once per delivery and wakes the worker; nothing here calls GitHub. */
export async function enqueueTrigger(
  deps: { db: Database; wake: () => void },
  delivery: { id: string; name: string },
  trigger: TriggerEvent,
): Promise<void> {
  const recorded = await deps.db.transaction(async (tx) => {
    if (!(await recordDelivery(tx, delivery.id, delivery.name))) return false;
    const key = `${trigger.kind}:${trigger.owner}/${trigger.repo}:${trigger.name}`;
    await enqueueJob(tx, { kind: 'trigger_deployments', key, payload: trigger });
    return true;
  });
  if (recorded) deps.wake();
}
