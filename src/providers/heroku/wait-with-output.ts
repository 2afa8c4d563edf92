import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderError } from '../../deployments/errors.ts';
import type { StepContext } from '../../deployments/step.ts';
import { backoffDelay } from './backoff.ts';
import { LineSplitter, type LastLines } from './line-splitter.ts';
import { readOutputStream, type StreamRead } from './output-stream.ts';
import { pollUntil } from './poll.ts';

export interface WaitTiming {
  /** After the stream ended while the status still says pending: the first pause, doubling up to `settleMaxMs`. */
  settleFirstMs: number;
  settleMaxMs: number;
  /** While the stream stays open, the status is read this often, in case the stream never ends. */
  watchMs: number;
  /** How long the stream may stay open once the status says finished. */
  graceMs: number;
  /** Before re-opening a stream that broke or is not there: backoff from `retryBaseMs` up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Failed reads in a row after which the stream is given up and only the status is polled. */
  maxFailures: number;
  /** Polling once a stream was given up: the first pause; then growing by half up to `pollMaxMs`. */
  pollFirstMs: number;
  pollMaxMs: number;
  timeoutMs: number;
}

const defaultTiming: WaitTiming = {
  settleFirstMs: 25,
  settleMaxMs: 1000,
  watchMs: 10_000,
  graceMs: 15_000,
  retryBaseMs: 250,
  retryMaxMs: 2000,
  maxFailures: 10,
  pollFirstMs: 200,
  pollMaxMs: 3000,
  timeoutMs: 60 * 60_000,
};

/** Failed reads allowed once the status says finished: only the last lines are missing then. */
const failuresAfterFinish = 3;

export interface WaitOptions<T> {
  /** `output_stream_url`; without one, the status is polled. */
  url: string | null | undefined;
  /** Reads the build or release once. */
  read: () => Promise<T>;
  finished: (value: T) => boolean;
  onLine: (line: string) => void;
  /** Told once when the output cannot be read (the wait goes on without it). */
  onGiveUp: (why: string) => void;
  signal: AbortSignal;
  /** Named in the timeout message: "build 1234 of app x". */
  what: string;
  timing?: Partial<WaitTiming>;
}

/** Output lines go to the step log and `tail`; an unreadable stream is named ("build output"). */
export function intoStepLog(ctx: StepContext, tail: LastLines, label: string): Pick<WaitOptions<unknown>, 'onLine' | 'onGiveUp'> {
  return {
    onLine: (line) => {
      ctx.log.line(line);
      tail.add(line);
    },
    onGiveUp: (why) => ctx.log.line(`(${label} could not be read: ${why})`),
  };
}

/**
 * Waits for a build or a release phase by following its output stream to the end, which is when
 * the work ends, and then reading its status once: no pauses while it runs. Heroku's status can
 * lag the end of the stream by a moment, so a `pending` answer is asked again after 25 ms, then
 * 50, 100, … up to 1 s (re-reading the stream from where it stopped, should it have closed early).
 * A stream that breaks is resumed with `Range`, with backoff and the status read on each failure;
 * one that cannot be read at all leaves status polling, the fallback (from 200 ms growing to 3 s).
 * Without a stream the status is polled from the start, the first pause 25 ms.
 */
export async function waitWithOutput<T>(options: WaitOptions<T>): Promise<T> {
  const timing = { ...defaultTiming, ...options.timing };
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new ProviderError(`${options.what} still unfinished after ${Math.round(timing.timeoutMs / 60_000)} min`)),
    timing.timeoutMs,
  );
  const signal = AbortSignal.any([options.signal, deadline.signal]);
  const lines = new LineSplitter(options.onLine);
  const started = Date.now();
  try {
    // Without a stream (a release without a release phase) the work is usually short: ask soon.
    let firstIntervalMs = timing.settleFirstMs;
    if (options.url) {
      const followed = await followToEnd({ ...options, url: options.url, timing, signal, lines });
      if ('value' in followed) return followed.value;
      options.onGiveUp(followed.gaveUp);
      firstIntervalMs = timing.pollFirstMs;
    }
    const left = Math.max(0, timing.timeoutMs - (Date.now() - started));
    return await pollUntil(options.read, options.finished, {
      firstIntervalMs,
      maxIntervalMs: timing.pollMaxMs,
      timeoutMs: left,
      signal,
      what: options.what,
    });
  } catch (error) {
    if (deadline.signal.aborted && !options.signal.aborted) throw deadline.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    lines.flush();
  }
}

interface Following<T> extends WaitOptions<T> {
  url: string;
  timing: WaitTiming;
  lines: LineSplitter;
}

type Followed<T> = { value: T } | { gaveUp: string };

async function followToEnd<T>(f: Following<T>): Promise<Followed<T>> {
  let offset = 0;
  let failures = 0;
  let settle = f.timing.settleFirstMs;
  let finished: { value: T } | undefined;
  for (;;) {
    const attempt = await readWatching(f, offset, finished);
    const { read } = attempt;
    offset += read.bytes;
    finished ??= attempt.finished;
    f.signal.throwIfAborted();
    const broken = read.outcome === 'failed' || read.outcome === 'missing';
    failures = !broken ? 0 : read.bytes > 0 ? 1 : failures + 1;

    if (finished) {
      // Once the work has finished, a read that ended (or was cut after the grace time) has it all.
      if (!broken) return finished;
      if (read.outcome === 'missing' || failures >= failuresAfterFinish) {
        f.onGiveUp(read.error ?? read.outcome);
        return finished;
      }
      await sleep(backoffDelay(failures, f.timing.retryBaseMs, f.timing.retryMaxMs), undefined, { signal: f.signal });
      continue;
    }

    if (read.outcome === 'ended') {
      const value = await f.read();
      if (f.finished(value)) return { value };
      // The status lags the end of the stream, or the stream closed early: ask again soon. A stream
      // that is over answers the next read at once; one that closed early goes on from `offset`.
      await sleep(settle, undefined, { signal: f.signal });
      settle = Math.min(f.timing.settleMaxMs, settle * 2);
      continue;
    }

    // Broken or not there (yet): the status tells whether the work ended meanwhile.
    if (failures >= f.timing.maxFailures) return { gaveUp: read.error ?? read.outcome };
    const value = await f.read();
    if (f.finished(value)) {
      finished = { value };
      continue;
    }
    await sleep(backoffDelay(failures, f.timing.retryBaseMs, f.timing.retryMaxMs), undefined, { signal: f.signal });
  }
}

/**
 * One read of the stream from `offset`. Meanwhile the status is read every `watchMs`; once it says
 * finished (or it was known to be), the stream gets `graceMs` more to end before it is cut off.
 */
async function readWatching<T>(
  f: Following<T>,
  offset: number,
  known: { value: T } | undefined,
): Promise<{ read: StreamRead; finished?: { value: T } }> {
  const cutOff = new AbortController();
  const readDone = new AbortController();
  let finished = known;
  let watchError: { error: unknown } | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  const startGrace = () => {
    graceTimer = setTimeout(() => cutOff.abort(), f.timing.graceMs);
  };
  const watch = async (): Promise<void> => {
    const pause = AbortSignal.any([readDone.signal, f.signal]);
    try {
      for (;;) {
        await sleep(f.timing.watchMs, undefined, { signal: pause });
        const value = await f.read();
        if (f.finished(value)) {
          finished = { value };
          startGrace();
          return;
        }
      }
    } catch (error) {
      // The read ended first (or the wait was cancelled, which the caller sees itself).
      if (pause.aborted) return;
      // Reading the status failed for good: stop the stream too, and fail with that error.
      watchError = { error };
      cutOff.abort();
    }
  };
  if (finished) startGrace();
  const watcher = finished ? Promise.resolve() : watch();
  try {
    const read = await readOutputStream(f.url, offset, AbortSignal.any([f.signal, cutOff.signal]), (bytes) => f.lines.push(bytes));
    readDone.abort();
    await watcher;
    if (watchError) throw watchError.error;
    return finished ? { read, finished } : { read };
  } finally {
    readDone.abort();
    clearTimeout(graceTimer);
  }
}
