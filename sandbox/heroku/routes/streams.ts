import { Hono } from 'hono';
import type { Context } from 'hono';
import type { LogStream } from '../log-stream.ts';
import type { PlatformCore } from '../platform-core.ts';

/** `Range: bytes=N-` resumes a stream at byte N (the only form Heroku's stream URLs document). */
function rangeStart(header: string | undefined): number | null {
  const match = header ? /^bytes=(\d+)-$/.exec(header.trim()) : null;
  return match?.[1] ? Number(match[1]) : null;
}

function serve(c: Context, log: LogStream | undefined): Response {
  if (!log) return c.text('Not found\n', 404);
  const start = rangeStart(c.req.header('range'));
  const headers = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' };
  if (start === null) return c.body(log.follow(0, c.req.raw.signal), 200, headers);
  if (log.closed && start >= log.length && start > 0) return c.body(null, 416, { 'content-range': `bytes */${log.length}` });
  return c.body(log.follow(start, c.req.raw.signal), 206, { ...headers, 'content-range': `bytes ${start}-*/*` });
}

/** Build and release-phase logs: plain text, open until the work ends, like Heroku's output streams. */
export function streamRoutes(core: PlatformCore): Hono {
  const routes = new Hono();
  routes.get('/streams/builds/:id', (c) => serve(c, core.buildStreams.get(c.req.param('id'))));
  routes.get('/streams/releases/:id', (c) => serve(c, core.releaseContext.releaseStreams.get(c.req.param('id'))));
  return routes;
}
