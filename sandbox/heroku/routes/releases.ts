import { Hono } from 'hono';
import { z } from 'zod';
import { releaseJson, slugJson } from '../api-shapes.ts';
import { appNotFound, herokuError, notFound, parseBody } from '../heroku-errors.ts';
import type { PlatformCore } from '../platform-core.ts';
import { findApp } from '../platform-core.ts';
import type { AppState, SandboxRelease } from '../platform-state.ts';
import { now } from '../platform-state.ts';
import { readProcfile } from '../procfile.ts';
import { pageOf, parseListRange } from '../range-header.ts';
import { createRelease } from '../release-runner.ts';

const releaseRequest = z.union([
  z.object({ release: z.union([z.string().min(1), z.number().int()]) }),
  z.object({ slug: z.string().min(1), description: z.string().optional() }),
]);

function findRelease(app: AppState, idOrVersion: string): SandboxRelease | undefined {
  const version = /^v?(\d+)$/.exec(idOrVersion)?.[1];
  return app.releases.find((r) => r.id === idOrVersion || (version !== undefined && r.version === Number(version)));
}

export function releaseRoutes(core: PlatformCore): Hono {
  const routes = new Hono();

  routes.get('/apps/:app/releases', (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    // heroku-client sends `id ..; max=1000` by default; releases are listed by version either way.
    const range = parseListRange(c.req.header('range'), 'version');
    const byVersion = range.field === 'version';
    const { page, nextRange } = pageOf(app.releases, range, (r) => (byVersion ? r.version : r.id));
    const body = page.map((r) => releaseJson(app, r));
    if (nextRange) return c.json(body, 206, { 'next-range': nextRange });
    return c.json(body, 200);
  });

  routes.get('/apps/:app/releases/:release', (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const release = findRelease(app, c.req.param('release'));
    return release ? c.json(releaseJson(app, release)) : notFound(c, 'release');
  });

  routes.get('/apps/:app/slugs/:slug', async (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const slug = core.slugs.get(c.req.param('slug'));
    if (!slug || slug.appId !== app.id) return notFound(c, 'slug');
    return c.json(slugJson(slug, Object.fromEntries(await readProcfile(slug.dir))));
  });

  // `{ release }` rolls back: the old slug and the config vars it ran with, release phase included.
  routes.post('/apps/:app/releases', async (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const parsed = await parseBody(c, releaseRequest);
    if (!parsed.ok) return parsed.response;
    if ('release' in parsed.body) {
      const target = findRelease(app, String(parsed.body.release));
      if (!target) return notFound(c, 'release');
      if (!target.slug) return herokuError(c, 422, 'invalid_params', `Cannot roll back to v${target.version}: it has no slug.`);
      const config = app.releaseConfig.get(target.id);
      if (config) app.configVars = { ...config };
      app.updatedAt = now();
      const release = await createRelease(app, { description: `Rollback to v${target.version}`, slug: target.slug }, core.releaseContext);
      return c.json(releaseJson(app, release), 201);
    }
    // Any slug of the account, as on Heroku: a release of another app's slug is a promotion without a build.
    const slugId = parsed.body.slug;
    const known = core.slugs.get(slugId);
    const slug = known ? { id: known.id, dir: known.dir, commit: known.commit } : app.releases.find((r) => r.slug?.id === slugId)?.slug;
    if (!slug) return notFound(c, 'slug');
    const description = parsed.body.description ?? `Deploy ${slug.commit ? slug.commit.slice(0, 8) : slug.id.slice(0, 8)}`;
    const release = await createRelease(app, { description, slug }, core.releaseContext);
    return c.json(releaseJson(app, release), 201);
  });

  return routes;
}
