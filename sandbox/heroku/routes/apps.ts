import { Hono } from 'hono';
import { z } from 'zod';
import { addonJson, appJson, formationJson } from '../api-shapes.ts';
import { appNotFound, notFound, parseBody } from '../heroku-errors.ts';
import type { PlatformCore } from '../platform-core.ts';
import { findApp } from '../platform-core.ts';
import { now } from '../platform-state.ts';
import { readProcfile } from '../procfile.ts';
import { createRelease } from '../release-runner.ts';

const configPatch = z.record(z.string().regex(/^\w+$/), z.string().nullable());

/** Apps, their add-ons, formation and config vars. */
export function appRoutes(core: PlatformCore): Hono {
  const routes = new Hono();

  routes.get('/apps/:app', (c) => {
    const app = findApp(core, c.req.param('app'));
    return app ? c.json(appJson(app)) : appNotFound(c);
  });

  routes.get('/apps/:app/addons', (c) => {
    const app = findApp(core, c.req.param('app'));
    return app ? c.json(addonJson(app)) : appNotFound(c);
  });

  routes.get('/apps/:app/formation', async (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const slug = app.releases.find((r) => r.current)?.slug;
    const procfile = slug ? await readProcfile(slug.dir) : new Map<string, string>();
    return c.json([...procfile].filter(([type]) => type !== 'release').map(([type, command]) => formationJson(app, type, command)));
  });

  routes.get('/apps/:app/formation/:type', async (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const slug = app.releases.find((r) => r.current)?.slug;
    const command = slug ? (await readProcfile(slug.dir)).get(c.req.param('type')) : undefined;
    return command ? c.json(formationJson(app, c.req.param('type'), command)) : notFound(c, 'formation');
  });

  routes.get('/apps/:app/config-vars', (c) => {
    const app = findApp(core, c.req.param('app'));
    return app ? c.json(app.configVars) : appNotFound(c);
  });

  // Heroku makes a release for every config change, restarting the current slug with the new vars.
  routes.patch('/apps/:app/config-vars', async (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const parsed = await parseBody(c, configPatch);
    if (!parsed.ok) return parsed.response;
    const changed: string[] = [];
    const removed: string[] = [];
    for (const [key, value] of Object.entries(parsed.body)) {
      if (value === null) {
        if (key in app.configVars) removed.push(key);
        delete app.configVars[key];
      } else if (app.configVars[key] !== value) {
        changed.push(key);
        app.configVars[key] = value;
      }
    }
    if (changed.length > 0 || removed.length > 0) {
      app.updatedAt = now();
      const parts = [
        changed.length ? `Set ${changed.join(', ')} config vars` : '',
        removed.length ? `Remove ${removed.join(', ')} config vars` : '',
      ];
      const slug = app.releases.find((r) => r.current)?.slug;
      await createRelease(app, { description: parts.filter(Boolean).join(' and '), ...(slug ? { slug } : {}) }, core.releaseContext);
    }
    return c.json(app.configVars);
  });

  return routes;
}
