import { Hono } from 'hono';
import { z } from 'zod';
import { POSTGRES_PLANS } from '../app-database.ts';
import { attachDatabase, createAppState, destroyApp, HEROKU_APP_NAME } from '../app-lifecycle.ts';
import { addonJson, appJson } from '../api-shapes.ts';
import { appNotFound, herokuError, parseBody } from '../heroku-errors.ts';
import { findApp, type PlatformCore } from '../platform-core.ts';
import { createRelease } from '../release-runner.ts';

const appCreate = z.object({
  name: z.string().optional(),
  region: z.string().optional(),
  stack: z.string().optional(),
});

const addonCreate = z.object({
  plan: z.string().min(1),
  config: z.record(z.string(), z.string()).optional(),
  name: z.string().optional(),
});

let unnamed = 0;

/**
 * Apps and add-ons coming and going: `POST /apps`, `DELETE /apps/{app}`, `POST /apps/{app}/addons`.
 * Errors answer as Heroku's do (422 `invalid_params` with Heroku's wording for a taken or invalid
 * name, the account's app quota and an unknown plan).
 */
export function appLifecycleRoutes(core: PlatformCore): Hono {
  const routes = new Hono();

  routes.post('/apps', async (c) => {
    const parsed = await parseBody(c, appCreate);
    if (!parsed.ok) return parsed.response;
    const name = parsed.body.name ?? `sandbox-app-${process.pid}-${++unnamed}`;
    if (!HEROKU_APP_NAME.test(name))
      return herokuError(
        c,
        422,
        'invalid_params',
        'Name must start with a letter, end with a letter or digit and can only contain lowercase letters, digits, and dashes.',
      );
    if (core.apps.has(name)) return herokuError(c, 422, 'invalid_params', `Name ${name} is already taken`);
    if (core.apps.size >= core.appQuota)
      return herokuError(
        c,
        422,
        'invalid_params',
        `You've reached your app limit of ${core.appQuota} apps. Delete some apps or open a ticket at https://help.heroku.com/new/increase-limits to have this limit increased.`,
      );
    const app = await createAppState(core, name);
    return c.json(appJson(app), 201);
  });

  routes.delete('/apps/:app', async (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const body = appJson(app);
    await destroyApp(core, app);
    return c.json(body);
  });

  routes.post('/apps/:app/addons', async (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const parsed = await parseBody(c, addonCreate);
    if (!parsed.ok) return parsed.response;
    const [service, plan] = parsed.body.plan.split(':', 2);
    if (service !== 'heroku-postgresql' || (plan !== undefined && !(POSTGRES_PLANS as readonly string[]).includes(plan)))
      return herokuError(c, 422, 'invalid_params', `Couldn't find either the add-on service or the add-on plan of "${parsed.body.plan}".`);
    if (app.database)
      return herokuError(c, 422, 'invalid_params', `${app.name} already has a heroku-postgresql database (the sandbox gives one per app).`);
    await attachDatabase(core, app, plan ?? POSTGRES_PLANS[0]);
    // Attaching sets DATABASE_URL, and every config change is a release (running the current slug, if any).
    const slug = app.releases.find((r) => r.current)?.slug;
    await createRelease(
      app,
      { description: `Attach DATABASE (@ref:${app.database!.addonName})`, ...(slug ? { slug } : {}) },
      core.releaseContext,
    );
    return c.json(addonJson(app)[0], 201);
  });

  return routes;
}
