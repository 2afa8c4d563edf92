import { Hono } from 'hono';
import { captureBackup, transferJson } from '../backups.ts';
import { appNotFound, herokuError, notFound } from '../heroku-errors.ts';
import type { PlatformCore } from '../platform-core.ts';
import { findApp } from '../platform-core.ts';
import type { AppState } from '../platform-state.ts';

/** The data API addresses a database by its heroku-postgresql add-on (id or name). */
function appOfDatabase(core: PlatformCore, database: string): AppState | undefined {
  for (const app of core.apps.values()) {
    if (app.database && (app.database.addonId === database || app.database.addonName === database)) return app;
  }
  return undefined;
}

/** Heroku Postgres backups through the data API (`/client/v11/...`), as `pg:backups` uses it. */
export function dataApiRoutes(core: PlatformCore): Hono {
  const routes = new Hono();

  routes.post('/client/v11/databases/:database/backups', async (c) => {
    const app = appOfDatabase(core, c.req.param('database'));
    if (!app) return notFound(c, 'database');
    const backup = await captureBackup(app, core.workDir);
    return c.json(transferJson(app, backup), 201);
  });

  routes.get('/client/v11/databases/:database/backups', (c) => {
    const app = appOfDatabase(core, c.req.param('database'));
    if (!app) return notFound(c, 'database');
    return c.json(app.backups.map((b) => transferJson(app, b)));
  });

  routes.get('/client/v11/databases/:database/backups/:num', (c) => {
    const app = appOfDatabase(core, c.req.param('database'));
    if (!app) return notFound(c, 'database');
    const backup = app.backups.find((b) => String(b.num) === c.req.param('num'));
    return backup ? c.json(transferJson(app, backup)) : notFound(c, 'backup');
  });

  routes.get('/client/v11/apps/:app/transfers', (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    return c.json(app.backups.map((b) => transferJson(app, b)));
  });

  routes.get('/client/v11/apps/:app/transfers/:num', (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const backup = app.backups.find((b) => String(b.num) === c.req.param('num') || b.uuid === c.req.param('num'));
    return backup ? c.json(transferJson(app, backup)) : notFound(c, 'backup');
  });

  routes.post('/client/v11/apps/:app/transfers/:num/actions/public-url', (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const backup = app.backups.find((b) => String(b.num) === c.req.param('num'));
    if (!backup) return notFound(c, 'backup');
    if (!backup.succeeded) return herokuError(c, 422, 'invalid_params', 'The backup has not finished.');
    return c.json({ url: `file://${backup.file}`, expires_at: new Date(Date.now() + 600_000).toISOString() });
  });

  return routes;
}
