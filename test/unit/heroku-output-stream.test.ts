import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { followOutputStream } from '../../src/providers/heroku/output-stream.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

/**
 * A log stream like Heroku's: `Range: bytes=N-` resumes at N. The first connection is cut after
 * `dropAfter` bytes (a dropped stream); later ones send the rest and end.
 */
async function streamServer(text: string, dropAfter: number) {
  const content = Buffer.from(text);
  const ranges: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    ranges.push(req.headers.range);
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    if (start >= content.length) {
      res.writeHead(416).end();
      return;
    }
    res.writeHead(start > 0 ? 206 : 200, { 'content-type': 'text/plain' });
    if (ranges.length === 1) {
      res.write(content.subarray(0, dropAfter));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    res.end(content.subarray(start));
  });
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/streams/builds/1`, ranges };
}

describe('followOutputStream', () => {
  it('resumes a dropped stream with Range, without losing or repeating a line, even inside a UTF-8 character', async () => {
    const text = 'first line\r\nsecond – with a dash\nthird\nno newline at the end';
    const dropAt = Buffer.from('first line\r\nsecond ').length + 1; // in the middle of the 3-byte "–"
    const { url, ranges } = await streamServer(text, dropAt);
    const lines: string[] = [];
    await followOutputStream({
      url,
      onLine: (l) => lines.push(l),
      onGiveUp: (why) => lines.push(`gave up: ${why}`),
      signal: new AbortController().signal,
      finished: () => true,
      retryDelayMs: 10,
    });
    expect(lines).toEqual(['first line', 'second – with a dash', 'third', 'no newline at the end']);
    expect(ranges).toEqual([undefined, `bytes=${dropAt}-`]);
  });

  it('keeps reading while the producer runs, and stops after one full read once it has finished', async () => {
    let finished = false;
    let body = 'step 1\n';
    const server = createServer((req, res) => {
      const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
      if (start >= Buffer.byteLength(body)) return void res.writeHead(416).end();
      res.writeHead(start ? 206 : 200).end(Buffer.from(body).subarray(start));
    });
    servers.push(server);
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const lines: string[] = [];
    setTimeout(() => (body += 'step 2\n'), 50);
    setTimeout(() => {
      body += 'done\n';
      finished = true;
    }, 120);
    await followOutputStream({
      url,
      onLine: (l) => lines.push(l),
      onGiveUp: () => undefined,
      signal: new AbortController().signal,
      finished: () => finished,
      retryDelayMs: 20,
    });
    expect(lines).toEqual(['step 1', 'step 2', 'done']);
  });

  it('gives up quietly (telling why) when the stream keeps failing', async () => {
    const server = createServer((_req, res) => void res.writeHead(500).end());
    servers.push(server);
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const why: string[] = [];
    await followOutputStream({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      onLine: () => undefined,
      onGiveUp: (w) => why.push(w),
      signal: new AbortController().signal,
      finished: () => false,
      retryDelayMs: 5,
      maxFailures: 3,
    });
    expect(why).toEqual(['HTTP 500']);
  });
});
