import { DeployError } from './errors.ts';

/** A deployment or a step ran past its hard time limit; the message names the limit and where it is set. */
export class TimeLimitError extends DeployError {
  readonly reason = 'timeout';
  readonly state = 'failure';
}

export interface TimeLimit {
  /** Aborted when `parent` is, or with a TimeLimitError when the time is up. */
  readonly signal: AbortSignal;
  /** Settles with `work`, or rejects with the signal's reason as soon as it is aborted, whether `work` listens or not. */
  race<T>(work: Promise<T>): Promise<T>;
  /** Stops the clock (call it when the work ended). */
  clear(): void;
}

/**
 * A hard limit of `ms` from now, inside `parent`. The signal tells the work to stop; `race` makes the
 * limit hold even for work that does not listen, so a hung step never holds its environment.
 */
export function timeLimit(parent: AbortSignal, ms: number, error: () => TimeLimitError): TimeLimit {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(error()), Math.max(0, ms));
  const follow = () => controller.abort(parent.reason);
  if (parent.aborted) follow();
  else parent.addEventListener('abort', follow, { once: true });
  const { signal } = controller;
  return {
    signal,
    race: <T>(work: Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        const stop = () => reject(signal.reason);
        if (signal.aborted) stop();
        else signal.addEventListener('abort', stop, { once: true });
        work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
      }),
    clear: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', follow);
    },
  };
}

/** `90` → "1.5 minutes", `0.05` → "3 seconds": limits are set in minutes but may be short. */
export function formatMinutes(minutes: number): string {
  if (minutes < 1) return `${Math.round(minutes * 60)} seconds`;
  return `${Number(minutes.toFixed(2))} minute${minutes === 1 ? '' : 's'}`;
}
