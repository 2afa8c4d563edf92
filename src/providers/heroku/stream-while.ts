import type { StepContext } from '../../deployments/step.ts';
import type { LastLines } from './line-splitter.ts';
import { followOutputStream } from './output-stream.ts';

export interface StreamWhileOptions {
  /** `output_stream_url`; nothing is followed when Heroku gave none. */
  url: string | null | undefined;
  /** Collects the last lines for the error message. */
  tail: LastLines;
  /** "build output", "release phase output": named when the stream cannot be read. */
  label: string;
  /** How long the stream may take to finish after the work did. */
  graceMs?: number;
}

/**
 * Runs `work` (polling a build or a release until it finishes) while its output stream is copied
 * into the step log line by line. Once `work` is done, the stream gets a moment to deliver its
 * last lines; a stream that stays open longer is cut off.
 */
export async function streamWhile<T>(ctx: StepContext, options: StreamWhileOptions, work: () => Promise<T>): Promise<T> {
  const { url } = options;
  if (!url) return work();
  let finished = false;
  const cutOff = new AbortController();
  const follower = followOutputStream({
    url,
    signal: AbortSignal.any([ctx.signal, cutOff.signal]),
    finished: () => finished,
    onLine: (line) => {
      ctx.log.line(line);
      options.tail.add(line);
    },
    onGiveUp: (why) => ctx.log.line(`(${options.label} could not be read: ${why})`),
  });
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await work() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  finished = true;
  const timer = setTimeout(() => cutOff.abort(new Error(`${options.label} still open`)), options.graceMs ?? 15_000);
  try {
    await follower;
  } catch (error) {
    // Cut off on purpose, or the deployment was cancelled (then `work` has already failed for it).
    if (!cutOff.signal.aborted && !ctx.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
