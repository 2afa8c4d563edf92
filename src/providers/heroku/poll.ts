import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderError } from '../../deployments/errors.ts';

export interface PollOptions {
  intervalMs: number;
  timeoutMs: number;
  signal: AbortSignal;
  /** Named in the timeout message: "build 1234 of app x". */
  what: string;
}

/** Asks again every `intervalMs` until `done` holds; Heroku offers no way to wait for a change. */
export async function pollUntil<T>(fetchOnce: () => Promise<T>, done: (value: T) => boolean, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await fetchOnce();
    if (done(value)) return value;
    if (Date.now() >= deadline) {
      throw new ProviderError(`${options.what} still unfinished after ${Math.round(options.timeoutMs / 60_000)} min`);
    }
    await sleep(options.intervalMs, undefined, { signal: options.signal });
  }
}
