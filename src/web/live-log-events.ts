import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Queryable } from '../store/database.ts';
import { getDeployment } from '../store/deployments-store.ts';
import { readLogLines } from '../store/log-store.ts';
import { listSteps } from '../store/steps-store.ts';

const FINAL = new Set(['success', 'failure', 'error', 'inactive']);
const BATCH = 500;

/**
 * A deployment's log as Server-Sent Events: each line is a `line` event whose id is its sequence
 * number, so a browser that reconnects sends `Last-Event-ID` and gets exactly the lines after it
 * (no gap, no repeat); `state` events carry the deployment's state and steps when they change; an
 * `end` event says the deployment finished and every line was sent. Lines come from the store (a
 * replica that does not run the deployment streams it too), polled every `pollMs`.
 */
export function liveLogEvents(c: Context, input: { db: Queryable; deploymentId: number; after: number; pollMs: number }): Response {
  const { db, deploymentId } = input;
  return streamSSE(c, async (stream) => {
    let after = input.after;
    let lastState = '';
    await stream.writeSSE({ event: 'hello', data: '{}', retry: 1000 });
    while (!stream.aborted) {
      // The state is read before the lines: a deployment seen final has written all its lines.
      const deployment = await getDeployment(db, deploymentId);
      const lines = await readLogLines(db, deploymentId, after, BATCH);
      for (const l of lines) {
        await stream.writeSSE({ id: String(l.seq), event: 'line', data: JSON.stringify({ line: l.line, step: l.step }) });
        after = l.seq;
      }
      const steps = await listSteps(db, deploymentId);
      const state = JSON.stringify({ state: deployment?.state, description: deployment?.description ?? '', steps });
      if (state !== lastState) {
        await stream.writeSSE({ event: 'state', data: state });
        lastState = state;
      }
      if (!deployment || (FINAL.has(deployment.state) && lines.length === 0)) {
        await stream.writeSSE({ event: 'end', data: '{}' });
        return;
      }
      if (lines.length < BATCH) await stream.sleep(input.pollMs);
    }
  });
}

/** Where a stream resumes: `Last-Event-ID` (a reconnect) wins over `?after=` (the page's first connect). */
export function resumeAfter(lastEventId: string | undefined, after: string | undefined): number | undefined {
  const value = lastEventId ?? after ?? '0';
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}
