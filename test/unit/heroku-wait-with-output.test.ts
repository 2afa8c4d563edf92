import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/deployments/errors.ts';
import { waitWithOutput, type WaitOptions } from '../../src/providers/heroku/wait-with-output.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

interface Work {
  url: string;
  /** `Range` header of each stream request, in order. */
  ranges: (string | undefined)[];
  write(text: string): void;
  /** Ends the output stream; the status says `status` from then on, or after `statusLag` more reads. */
  end(status?: string, statusLag?: number): void;
  /** What a status read answers; counts the reads. */
  read(): Promise<{ status: string }>;
  reads: number;
}

interface WorkOptions {
  /** The first stream connection breaks after this many bytes. */
  dropFirstAfter?: number;
  /** The first stream response ends cleanly after what was written so far, though the work goes on. */
  closeFirstEarly?: boolean;
  /** Every stream request answers this status instead. */
  failWith?: number;
  /** The stream stays open after the work ended. */
  neverEnds?: boolean;
}

/** A build on a server like Heroku's stream host: plain text kept open while it runs, `Range: bytes=N-` resumes. */
async function startWork(options: WorkOptions = {}): Promise<Work> {
  let content = Buffer.alloc(0);
  let ended = false;
  let status = 'pending';
  let lagReads = 0;
  const open = new Set<ServerResponse>();
  const ranges: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    ranges.push(req.headers.range);
    if (options.failWith) return void res.writeHead(options.failWith).end();
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    if (ended && start >= content.length && start > 0) return void res.writeHead(416).end();
    res.writeHead(start > 0 ? 206 : 200, { 'content-type': 'text/plain' });
    const first = ranges.length === 1;
    if (first && options.dropFirstAfter !== undefined) {
      res.write(content.subarray(0, options.dropFirstAfter));
      setTimeout(() => res.socket?.destroy(), 10);
      return;
    }
    res.write(content.subarray(start));
    if ((ended && !options.neverEnds) || (first && options.closeFirstEarly)) return void res.end();
    open.add(res);
    res.on('close', () => open.delete(res));
  });
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const work: Work = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/streams/builds/1`,
    ranges,
    write(text) {
      const bytes = Buffer.from(text);
      content = Buffer.concat([content, bytes]);
      for (const res of open) res.write(bytes);
    },
    end(final = 'succeeded', statusLag = 0) {
      ended = true;
      lagReads = statusLag;
      if (statusLag === 0) status = final;
      else status = `pending-then-${final}`;
      if (!options.neverEnds) for (const res of open) res.end();
    },
    reads: 0,
    async read() {
      work.reads++;
      if (status.startsWith('pending-then-')) {
        if (lagReads > 0) {
          lagReads--;
          return { status: 'pending' };
        }
        status = status.slice('pending-then-'.length);
      }
      return { status };
    },
  };
  return work;
}

const fast = { settleFirstMs: 5, settleMaxMs: 20, retryBaseMs: 5, retryMaxMs: 20, watchMs: 10_000, graceMs: 200 };

function waitFor(work: Work, extra: Partial<WaitOptions<{ status: string }>> = {}) {
  const lines: string[] = [];
  const gaveUp: string[] = [];
  const done = waitWithOutput({
    url: work.url,
    read: () => work.read(),
    finished: (value) => value.status !== 'pending',
    onLine: (line) => lines.push(line),
    onGiveUp: (why) => gaveUp.push(why),
    signal: new AbortController().signal,
    what: 'build 1 of app',
    timing: fast,
    ...extra,
  });
  return { done, lines, gaveUp };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('waitWithOutput', () => {
  it('follows the stream to its end and then reads the status once, without asking while it runs', async () => {
    const work = await startWork();
    work.write('-----> Building\n');
    const waiting = waitFor(work);
    await tick(50);
    work.write('       npm ci\n');
    await tick(50);
    work.write('-----> Launching');
    work.end('succeeded');
    expect(await waiting.done).toEqual({ status: 'succeeded' });
    expect(waiting.lines).toEqual(['-----> Building', '       npm ci', '-----> Launching']);
    expect(work.reads).toBe(1);
    expect(work.ranges).toEqual([undefined]);
    expect(waiting.gaveUp).toEqual([]);
  });

  it('asks again when the status lags the end of the stream, and takes the final one', async () => {
    const work = await startWork();
    work.write('compiled\n');
    const waiting = waitFor(work);
    await tick(30);
    work.end('failed', 3);
    expect(await waiting.done).toEqual({ status: 'failed' });
    expect(waiting.lines).toEqual(['compiled']);
    // Three pending answers, then the final one; the stream was looked at again from its end each time.
    expect(work.reads).toBe(4);
    expect(work.ranges.slice(1)).toEqual(Array(3).fill('bytes=9-'));
  });

  it('resumes a dropped stream with Range, without losing or repeating a line, even inside a UTF-8 character', async () => {
    const text = 'first line\r\nsecond – with a dash\nthird\nno newline at the end';
    const dropAt = Buffer.from('first line\r\nsecond ').length + 1; // in the middle of the 3-byte "–"
    const work = await startWork({ dropFirstAfter: dropAt });
    work.write(text);
    const waiting = waitFor(work);
    await tick(60);
    work.end('succeeded');
    expect(await waiting.done).toEqual({ status: 'succeeded' });
    expect(waiting.lines).toEqual(['first line', 'second – with a dash', 'third', 'no newline at the end']);
    expect(work.ranges[0]).toBeUndefined();
    expect(work.ranges[1]).toBe(`bytes=${dropAt}-`);
    expect(waiting.gaveUp).toEqual([]);
  });

  it('goes on reading a stream that closed before the work ended', async () => {
    const work = await startWork({ closeFirstEarly: true });
    work.write('step 1\n');
    const waiting = waitFor(work);
    await tick(40);
    work.write('step 2\n');
    await tick(40);
    work.write('done\n');
    work.end('succeeded');
    expect(await waiting.done).toEqual({ status: 'succeeded' });
    expect(waiting.lines).toEqual(['step 1', 'step 2', 'done']);
  });

  it('falls back to polling when the stream cannot be read, telling why, and still ends with the right status', async () => {
    const work = await startWork({ failWith: 503 });
    const waiting = waitFor(work, { timing: { ...fast, maxFailures: 3, pollMaxMs: 20 } });
    await tick(150);
    expect(work.reads).toBeGreaterThan(2);
    work.end('failed');
    expect(await waiting.done).toEqual({ status: 'failed' });
    expect(waiting.gaveUp).toEqual(['HTTP 503']);
    expect(work.ranges).toHaveLength(3);
  });

  it('polls without a stream', async () => {
    const work = await startWork();
    const waiting = waitFor(work, { url: null, timing: { ...fast, pollMaxMs: 20 } });
    await tick(30);
    work.end('succeeded');
    expect(await waiting.done).toEqual({ status: 'succeeded' });
    expect(work.ranges).toEqual([]);
  });

  it('cuts off a stream that stays open after the status said finished', async () => {
    const work = await startWork({ neverEnds: true });
    work.write('all done\n');
    const waiting = waitFor(work, { timing: { ...fast, watchMs: 30, graceMs: 50 } });
    await tick(20);
    work.end('succeeded');
    expect(await waiting.done).toEqual({ status: 'succeeded' });
    expect(waiting.lines).toEqual(['all done']);
  });

  it('fails with a ProviderError naming the work when it never finishes', async () => {
    const work = await startWork();
    const waiting = waitFor(work, { timing: { ...fast, watchMs: 20, timeoutMs: 120 } });
    await expect(waiting.done).rejects.toThrow(ProviderError);
    await expect(waiting.done).rejects.toThrow('build 1 of app still unfinished after 0 min');
  });
});
