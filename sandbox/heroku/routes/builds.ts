import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import { buildJson, sandboxUser } from '../api-shapes.ts';
import { runBuild } from '../build-runner.ts';
import { appNotFound, notFound, parseBody } from '../heroku-errors.ts';
import { LogStream } from '../log-stream.ts';
import type { PlatformCore } from '../platform-core.ts';
import { findApp, redactorFor } from '../platform-core.ts';
import type { AppState, SandboxBuild } from '../platform-state.ts';
import { now } from '../platform-state.ts';
import { createRelease, statusLag } from '../release-runner.ts';

const buildRequest = z.object({
  source_blob: z.object({
    url: z.string().url(),
    version: z.string().nullish(),
    checksum: z.string().nullish(),
  }),
  buildpacks: z.array(z.unknown()).optional(),
});

function streamUrl(core: PlatformCore, buildId: string): string {
  return `${core.url}/streams/builds/${buildId}`;
}

async function build(core: PlatformCore, app: AppState, record: SandboxBuild): Promise<void> {
  let status: SandboxBuild['status'] = 'failed';
  try {
    const result = await runBuild({
      sourceUrl: record.sourceBlob.url,
      checksum: record.sourceBlob.checksum,
      sourceVersion: record.sourceBlob.version,
      configVars: { ...app.configVars },
      workDir: core.workDir,
      buildId: record.id,
      npmCache: core.npmCache,
      log: record.log,
    });
    if (result.ok) {
      record.slugId = result.slug.id;
      core.slugs.set(result.slug.id, { ...result.slug, commit: record.sourceBlob.version, appId: app.id, createdAt: now() });
      const version = record.sourceBlob.version ? ` ${record.sourceBlob.version.slice(0, 8)}` : '';
      const release = await createRelease(
        app,
        { description: `Deploy${version}`, slug: { ...result.slug, commit: record.sourceBlob.version } },
        core.releaseContext,
      );
      record.releaseId = release.id;
      status = 'succeeded';
      app.log.api(`Build succeeded`);
    } else {
      app.log.api(`Build failed`);
    }
  } catch (error) {
    record.log.line(` !     Build failed: ${(error as Error).message}`);
  } finally {
    // The output stream ends when the build does; the status may follow a moment later.
    record.log.end();
    await statusLag(core.releaseContext);
    record.status = status;
    record.updatedAt = now();
  }
}

export function buildRoutes(core: PlatformCore): Hono {
  const routes = new Hono();

  routes.post('/apps/:app/builds', async (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const parsed = await parseBody(c, buildRequest);
    if (!parsed.ok) return parsed.response;
    const id = randomUUID();
    const log = new LogStream(join(core.workDir, 'logs', 'builds', `${id}.log`), redactorFor(app));
    core.buildStreams.set(id, log);
    const record: SandboxBuild = {
      id,
      status: 'pending',
      sourceBlob: {
        url: parsed.body.source_blob.url,
        version: parsed.body.source_blob.version ?? null,
        checksum: parsed.body.source_blob.checksum ?? null,
      },
      slugId: null,
      releaseId: null,
      log,
      createdAt: now(),
      updatedAt: now(),
    };
    app.builds.set(id, record);
    app.log.api(`Build started by user ${sandboxUser}`);
    const running = build(core, app, record);
    core.background.add(running);
    void running.finally(() => core.background.delete(running));
    return c.json(buildJson(app, record, streamUrl(core, id)), 201);
  });

  routes.get('/apps/:app/builds', (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    return c.json([...app.builds.values()].map((b) => buildJson(app, b, streamUrl(core, b.id))));
  });

  routes.get('/apps/:app/builds/:id', (c) => {
    const app = findApp(core, c.req.param('app'));
    if (!app) return appNotFound(c);
    const record = app.builds.get(c.req.param('id'));
    return record ? c.json(buildJson(app, record, streamUrl(core, record.id))) : notFound(c, 'build');
  });

  return routes;
}
