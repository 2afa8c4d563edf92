import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderError } from '../../deployments/errors.ts';

export interface PollOptions {
  /** The longest pause between two requests; the first pauses are shorter. */
  maxIntervalMs: number;
  timeoutMs: number;
  signal: AbortSignal;
  /** Named in the timeout message: "build 1234 of app x". */
  what: string;
  /** The first pause (default 200 ms); later ones grow by half. */
  firstIntervalMs?: number;
}

/** The first pause: quick work (a cached build, a short release phase) is seen finished at once. */
const defaultFirstIntervalMs = 200;

/**
 * Asks again until `done` holds, for what Heroku offers no stream of (backups, a build's release
 * id) and as the fallback when an output stream cannot be read. The pause grows from 200 ms by
 * half each time up to `maxIntervalMs`, so short work costs little waiting and long work few
 * requests.
 */
export async function pollUntil<T>(fetchOnce: () => Promise<T>, done: (value: T) => boolean, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let interval = Math.min(options.firstIntervalMs ?? defaultFirstIntervalMs, options.maxIntervalMs);
  for (;;) {
    const value = await fetchOnce();
    if (done(value)) return value;
    if (Date.now() >= deadline) {
      throw new ProviderError(`${options.what} still unfinished after ${Math.round(options.timeoutMs / 60_000)} min`);
    }
    await sleep(interval, undefined, { signal: options.signal });
    interval = Math.min(options.maxIntervalMs, Math.round(interval * 1.5));
  }
}
