/** How one read of an `output_stream_url` ended. */
export interface StreamRead {
  /** New bytes passed on by this read. */
  bytes: number;
  /**
   * `ended`: the server closed the stream normally, or has nothing past `offset` (416).
   * `missing`: 404, the stream does not exist (yet, or any more).
   * `failed`: an error answer, or the connection broke mid-way (`error` says which).
   * `stopped`: the caller's signal stopped the read.
   */
  outcome: 'ended' | 'missing' | 'failed' | 'stopped';
  error?: string;
}

/**
 * Reads an `output_stream_url` (plain text, kept open while a build or release phase runs) from
 * byte `offset` to wherever the server ends it, passing each new chunk to `onBytes`. `Range:
 * bytes=N-` resumes at N; a server that ignores it and sends everything again is skipped ahead.
 */
export async function readOutputStream(
  url: string,
  offset: number,
  signal: AbortSignal,
  onBytes: (bytes: Uint8Array) => void,
): Promise<StreamRead> {
  let bytes = 0;
  try {
    const response = await fetch(url, { headers: offset > 0 ? { Range: `bytes=${offset}-` } : {}, signal });
    if (response.status === 416 || response.status === 404) {
      await response.body?.cancel();
      return { bytes: 0, outcome: response.status === 416 ? 'ended' : 'missing', error: `HTTP ${response.status}` };
    }
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      return { bytes: 0, outcome: 'failed', error: `HTTP ${response.status}` };
    }
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
      onBytes(data);
    }
    return { bytes, outcome: 'ended' };
  } catch (error) {
    if (signal.aborted) return { bytes, outcome: 'stopped' };
    return { bytes, outcome: 'failed', error: error instanceof Error ? (causeCode(error) ?? error.message) : String(error) };
  }
}

function causeCode(error: Error): string | undefined {
  const cause = error.cause;
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return undefined;
}
