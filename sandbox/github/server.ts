import { Hono } from 'hono';
import { authMiddleware } from './auth.ts';
import type { Env, FakeContext } from './context.ts';
import { FakeHttpError } from './http-error.ts';
import { checksRoutes } from './checks/checks-routes.ts';
import { appRoutes } from './routes/app.ts';
import { appManifestRoutes } from './routes/app-manifests.ts';
import { collaboratorRoutes } from './routes/collaborators.ts';
import { deploymentRoutes } from './routes/deployments.ts';
import { hookDeliveryRoutes } from './routes/hook-deliveries.ts';
import { issueRoutes } from './routes/issues.ts';
import { oauthRoutes } from './routes/oauth.ts';
import { pullRoutes } from './routes/pulls.ts';
import { codeloadRoutes, repoRoutes } from './routes/repos.ts';
import { statusRoutes } from './routes/statuses.ts';
import { userRoutes } from './routes/user.ts';
import type { ApiCall } from './types.ts';

const docs = 'https://docs.github.com/rest';

async function readBody(req: Request): Promise<unknown> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const text = await req.clone().text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return { unparsed: text, error: (error as Error).message };
  }
}

/** The fake's HTTP app: records every call, checks auth, serves the routes, answers GitHub-shaped errors. */
export function buildServer(ctx: FakeContext, calls: ApiCall[]): Hono<Env> {
  const app = new Hono<Env>();
  app.use('*', async (c, next) => {
    const at = Date.now();
    const body = await readBody(c.req.raw);
    await next();
    const path = decodeURIComponent(c.req.path).replace(/^\/api\/v3/, '');
    calls.push({ method: c.req.method, path, query: c.req.query(), body, status: c.res.status, at });
  });
  app.onError((error, c) => {
    if (error instanceof FakeHttpError)
      return c.json({ message: error.message, ...error.extra, documentation_url: docs, status: String(error.status) }, error.status as 400);
    return c.json({ message: `fake GitHub failed: ${error.message}`, documentation_url: docs }, 500);
  });
  app.notFound((c) => c.json({ message: 'Not Found', documentation_url: docs, status: '404' }, 404));

  app.route('/', codeloadRoutes(ctx));
  app.route('/', oauthRoutes(ctx));
  app.route('/', appManifestRoutes(ctx));
  const api = new Hono<Env>();
  api.use('*', authMiddleware(ctx));
  // Before repoRoutes: its `/branches/:branch` and `/commits/:ref` would take these longer paths.
  api.route('/', checksRoutes(ctx, ctx.checks));
  for (const routes of [
    appRoutes,
    hookDeliveryRoutes,
    repoRoutes,
    statusRoutes,
    pullRoutes,
    deploymentRoutes,
    issueRoutes,
    collaboratorRoutes,
    userRoutes,
  ])
    api.route('/', routes(ctx));
  app.route('/api/v3', api);
  return app;
}
