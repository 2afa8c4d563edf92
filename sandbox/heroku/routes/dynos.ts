import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { dynoJson } from '../api-shapes.ts';
import { appNotFound, herokuError, notFound, parseBody } from '../heroku-errors.ts';
import { startOneOffDyno } from '../one-off-dyno.ts';
import type { PlatformCore } from '../platform-core.ts';
import { findApp } from '../platform-core.ts';
import type { AppState, SandboxDyno } from '../platform-state.ts';

const dynoRequest = z.object({
  command: z.string().min(1),
  attach: z.boolean().optional(),
  env: z.record(z.string(), z.string()).optional(),
  size: z.string().optional(),
  type: z.string().optional(),
  time_to_live: z.number().optional(),
  force_no_tty: z.boolean().nullish(),
});

const logSessionRequest = z.object({
  dyno: z.string().optional(),
  source: z.string().optional(),
  lines: z.number().int().min(0).max(1500).optional(),
  tail: z.boolean().optional(),
});

function liveDynos(app: AppState): SandboxDyno[] {
  const web = app.web && app.web.state !== 'down' ? [app.web] : [];
  return [...web, ...app.dynos.values()];
}

export function dynoRoutes(
  core: PlatformCore,
  logSessions: Map<string, { app: AppState; filter: z.infer<typeof logSessionRequest> }>,
): Hono {
  const routes = new Hono();

  routes.get('/apps/:app/dynos', (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    return c.json(liveDynos(app).map((d) => dynoJson(app, d)));
  });

  routes.get('/apps/:app/dynos/:dyno', (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const key = c.req.param('dyno');
    const dyno = liveDynos(app).find((d) => d.id === key || d.name === key);
    return dyno ? c.json(dynoJson(app, dyno)) : notFound(c, 'dyno');
  });

  routes.post('/apps/:app/dynos', async (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const parsed = await parseBody(c, dynoRequest);
    if (!parsed.ok) return parsed.response;
    const dyno = startOneOffDyno(
      app,
      { command: parsed.body.command, attach: parsed.body.attach ?? false, env: parsed.body.env ?? {} },
      core.rendezvous,
      core.oneOffDynos,
    );
    if (!dyno) return herokuError(c, 422, 'invalid_params', 'This app has no release with code to run yet.');
    return c.json(dynoJson(app, dyno), 201);
  });

  // Heroku's Dyno Stop: 202 and an empty object; the process ends as the platform stops it.
  routes.post('/apps/:app/dynos/:dyno/actions/stop', async (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const key = c.req.param('dyno');
    const dyno = liveDynos(app).find((d) => d.id === key || d.name === key);
    if (!dyno) return notFound(c, 'dyno');
    await dyno.process?.stop();
    return c.json({}, 202);
  });

  // Logplex: a session URL that needs no token, as `heroku logs` gets from Heroku.
  routes.post('/apps/:app/log-sessions', async (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const parsed = await parseBody(c, logSessionRequest);
    if (!parsed.ok) return parsed.response;
    const id = randomUUID();
    logSessions.set(id, { app, filter: parsed.body });
    return c.json(
      {
        id,
        logplex_url: `${core.url}/streams/log-sessions/${id}`,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      },
      201,
    );
  });

  return routes;
}

export function logSessionStreamRoutes(logSessions: Map<string, { app: AppState; filter: z.infer<typeof logSessionRequest> }>): Hono {
  const routes = new Hono();
  routes.get('/streams/log-sessions/:id', (c) => {
    const session = logSessions.get(c.req.param('id'));
    if (!session) return c.text('Not found\n', 404);
    const { filter } = session;
    const stream = session.app.log.session(
      {
        lines: filter.lines ?? 100,
        tail: filter.tail ?? false,
        ...(filter.dyno ? { dyno: filter.dyno } : {}),
        ...(filter.source ? { source: filter.source } : {}),
      },
      c.req.raw.signal,
    );
    return c.body(stream, 200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' });
  });
  return routes;
}

export type LogSessions = Map<string, { app: AppState; filter: z.infer<typeof logSessionRequest> }>;
