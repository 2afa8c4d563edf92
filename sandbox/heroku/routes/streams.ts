import type { ServerResponse } from 'node:http';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { LogStream } from '../log-stream.ts';
import type { PlatformCore } from '../platform-core.ts';

/** A stream to break on purpose: the next request whose path matches loses its connection after `afterBytes`. */
export interface StreamCut {
  pathPattern: RegExp;
  afterBytes: number;
}

/** `Range: bytes=N-` resumes a stream at byte N (the only form Heroku's stream URLs document). */
function rangeStart(header: string | undefined): number | null {
  const match = header ? /^bytes=(\d+)-$/.exec(header.trim()) : null;
  return match?.[1] ? Number(match[1]) : null;
}

function serve(c: Context, log: LogStream | undefined, cuts: StreamCut[]): Response {
  if (!log) return c.text('Not found\n', 404);
  const start = rangeStart(c.req.header('range'));
  const headers = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' };
  const cutAt = cuts.findIndex((cut) => cut.pathPattern.test(c.req.path));
  const cut = cutAt >= 0 ? cuts.splice(cutAt, 1)[0] : undefined;
  const body = (from: number) => {
    const stream = log.follow(from, c.req.raw.signal);
    // @hono/node-server passes the Node response as `outgoing`: destroying it drops the connection.
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    return cut && outgoing ? breakAfter(stream, cut.afterBytes, () => outgoing.destroy()) : stream;
  };
  if (start === null) return c.body(body(0), 200, headers);
  if (log.closed && start >= log.length && start > 0) return c.body(null, 416, { 'content-range': `bytes */${log.length}` });
  return c.body(body(start), 206, { ...headers, 'content-range': `bytes ${start}-*/*` });
}

/** Passes `limit` bytes on, then drops the connection (a moment later, so that they are sent first). */
function breakAfter(stream: ReadableStream<Uint8Array>, limit: number, drop: () => void): ReadableStream<Uint8Array> {
  let sent = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const room = limit - sent;
        if (room <= 0) return;
        controller.enqueue(chunk.subarray(0, room));
        sent += Math.min(room, chunk.length);
        if (sent >= limit) setTimeout(drop, 20);
      },
    }),
  );
}

/** Build and release-phase logs: plain text, open until the work ends, like Heroku's output streams. */
export function streamRoutes(core: PlatformCore): Hono {
  const routes = new Hono();
  routes.get('/streams/builds/:id', (c) => serve(c, core.buildStreams.get(c.req.param('id')), core.streamCuts));
  routes.get('/streams/releases/:id', (c) => serve(c, core.releaseContext.releaseStreams.get(c.req.param('id')), core.streamCuts));
  return routes;
}
