import { setTimeout as sleep } from 'node:timers/promises';
import { LineSplitter } from './line-splitter.ts';

export interface FollowOptions {
  url: string;
  onLine: (line: string) => void;
  /** Told once when the stream cannot be read at all; the step goes on without it. */
  onGiveUp: (why: string) => void;
  signal: AbortSignal;
  /** True once whatever writes the stream (a build, a release phase) has finished. */
  finished: () => boolean;
  retryDelayMs?: number;
  maxFailures?: number;
}

/**
 * Follows an `output_stream_url` (plain text, kept open while the build or release phase runs)
 * line by line. A dropped or early-closed stream is resumed from the last byte read with `Range`,
 * until one read that began after the producer finished has reached the end.
 */
export async function followOutputStream(options: FollowOptions): Promise<void> {
  const { url, signal, finished, retryDelayMs = 500, maxFailures = 10 } = options;
  const lines = new LineSplitter(options.onLine);
  let offset = 0;
  let failures = 0;
  try {
    for (;;) {
      const finishedBefore = finished();
      const read = await readFrom(url, offset, signal, lines);
      offset += read.bytes;
      if (read.error === undefined && finishedBefore) return;
      if (read.missing && finishedBefore) return;
      if (read.error !== undefined) {
        failures = read.bytes > 0 ? 1 : failures + 1;
        if (failures >= maxFailures) {
          options.onGiveUp(read.error);
          return;
        }
      }
      await pause(read.error === undefined ? finished : () => false, retryDelayMs, signal);
    }
  } finally {
    lines.flush();
  }
}

/** Waits `ms`, or less once `enough()` holds: the last read after the producer finished need not wait. */
async function pause(enough: () => boolean, ms: number, signal: AbortSignal): Promise<void> {
  const until = Date.now() + ms;
  while (!enough() && Date.now() < until) await sleep(Math.min(50, until - Date.now()), undefined, { signal });
}

interface Read {
  bytes: number;
  /** Why the read stopped early; undefined when the stream ended normally. */
  error?: string;
  /** The stream does not exist (yet): not a failure while the producer runs. */
  missing?: boolean;
}

async function readFrom(url: string, offset: number, signal: AbortSignal, lines: LineSplitter): Promise<Read> {
  let bytes = 0;
  try {
    const response = await fetch(url, { headers: offset > 0 ? { Range: `bytes=${offset}-` } : {}, signal });
    // 416: nothing past what we already have. 404: not written yet (or not any more).
    if (response.status === 416 || response.status === 404) {
      await response.body?.cancel();
      return { bytes: 0, missing: response.status === 404 };
    }
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      return { bytes: 0, error: `HTTP ${response.status}` };
    }
    // A server that ignores Range sends everything again: skip what was already read.
    let skip = response.status === 200 ? offset : 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let data: Uint8Array = value;
      if (skip > 0) {
        const skipped = Math.min(skip, data.length);
        skip -= skipped;
        data = data.subarray(skipped);
      }
      if (data.length === 0) continue;
      bytes += data.length;
      lines.push(data);
    }
    return { bytes };
  } catch (error) {
    if (signal.aborted) throw error;
    return { bytes, error: error instanceof Error ? (causeCode(error) ?? error.message) : String(error) };
  }
}

function causeCode(error: Error): string | undefined {
  const cause = error.cause;
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return undefined;
}
