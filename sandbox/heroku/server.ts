import { Hono } from 'hono';
import { requireToken } from './auth.ts';
import type { FailureInjector } from './fail-injection.ts';
import type { PlatformCore } from './platform-core.ts';
import { accountRoutes } from './routes/account.ts';
import { appLifecycleRoutes } from './routes/app-lifecycle.ts';
import { appRoutes } from './routes/apps.ts';
import { buildRoutes } from './routes/builds.ts';
import { dataApiRoutes } from './routes/data-api.ts';
import { dynoRoutes, logSessionStreamRoutes, type LogSessions } from './routes/dynos.ts';
import { releaseRoutes } from './routes/releases.ts';
import { sourceBlobRoutes, sourceRoutes } from './routes/sources.ts';
import { streamRoutes } from './routes/streams.ts';

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  /** When the request came in (ms since the epoch, fractional: `performance.timeOrigin + performance.now()`). */
  startedAt: number;
  /** How long the platform took to answer (until the headers; a stream's body is not counted). */
  ms: number;
}

/** One HTTP server for the Platform API, the data API, pre-signed blobs and output streams. */
export function buildServer(core: PlatformCore, injector: FailureInjector, requestLog: RequestRecord[]): Hono {
  const logSessions: LogSessions = new Map();
  const server = new Hono();
  server.use('*', async (c, next) => {
    const startedAt = performance.timeOrigin + performance.now();
    await next();
    // Paths only: bodies and headers may carry tokens and config var values.
    const ms = performance.timeOrigin + performance.now() - startedAt;
    requestLog.push({ method: c.req.method, path: c.req.path, status: c.res.status, startedAt, ms });
  });
  server.use('*', injector.middleware());
  // Pre-signed and streaming URLs carry their own secret in the path, as Heroku's do.
  server.route('/', sourceBlobRoutes(core));
  server.route('/', streamRoutes(core));
  server.route('/', logSessionStreamRoutes(logSessions));
  server.use('*', requireToken(core.token));
  server.route('/', accountRoutes());
  server.route('/', appLifecycleRoutes(core));
  server.route('/', appRoutes(core));
  server.route('/', sourceRoutes(core));
  server.route('/', buildRoutes(core));
  server.route('/', releaseRoutes(core));
  server.route('/', dynoRoutes(core, logSessions));
  server.route('/', dataApiRoutes(core));
  server.notFound((c) => c.json({ id: 'not_found', message: 'The requested API endpoint was not found.' }, 404));
  server.onError((error, c) => {
    console.error('heroku sandbox: unexpected error', error);
    return c.json({ id: 'internal_server_error', message: 'Internal server error.' }, 500);
  });
  return server;
}
