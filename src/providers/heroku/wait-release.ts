import type { StepContext } from '../../deployments/step.ts';
import { releaseSchema, type HerokuRelease } from './api-schemas.ts';
import type { HerokuApi } from './api-client.ts';
import { LastLines } from './line-splitter.ts';
import { seg } from './session.ts';
import { intoStepLog, waitWithOutput } from './wait-with-output.ts';

export interface FinishedRelease {
  release: HerokuRelease;
  /** The last lines of its release phase output. */
  tail: LastLines;
}

/**
 * Waits until a release leaves `pending` (its release phase ran), following the phase's output
 * stream to its end; a release without a release phase has no stream and is polled.
 */
export async function waitForRelease(ctx: StepContext, api: HerokuApi, app: string, release: HerokuRelease): Promise<FinishedRelease> {
  const tail = new LastLines(5);
  const path = `/apps/${seg(app)}/releases/${seg(release.id)}`;
  const finished = await waitWithOutput({
    url: release.output_stream_url,
    read: () => api.get(path, releaseSchema),
    finished: (r) => r.status !== 'pending',
    ...intoStepLog(ctx, tail, 'release phase output'),
    signal: ctx.signal,
    what: `release v${release.version} of ${app}`,
  });
  return { release: finished, tail };
}
