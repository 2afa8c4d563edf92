import type { StepContext } from '../../deployments/step.ts';
import { releaseSchema, type HerokuRelease } from './api-schemas.ts';
import type { HerokuApi } from './api-client.ts';
import { LastLines } from './line-splitter.ts';
import { pollUntil } from './poll.ts';
import { seg } from './session.ts';
import { streamWhile } from './stream-while.ts';

export interface FinishedRelease {
  release: HerokuRelease;
  /** The last lines of its release phase output. */
  tail: LastLines;
}

/** Waits until a release leaves `pending` (its release phase ran), with the phase's output in the log. */
export async function waitForRelease(ctx: StepContext, api: HerokuApi, app: string, release: HerokuRelease): Promise<FinishedRelease> {
  const tail = new LastLines(5);
  const path = `/apps/${seg(app)}/releases/${seg(release.id)}`;
  const finished = await streamWhile(ctx, { url: release.output_stream_url, tail, label: 'release phase output' }, () =>
    pollUntil(
      () => api.get(path, releaseSchema),
      (r) => r.status !== 'pending',
      { maxIntervalMs: 3000, timeoutMs: 60 * 60_000, signal: ctx.signal, what: `release v${release.version} of ${app}` },
    ),
  );
  return { release: finished, tail };
}
