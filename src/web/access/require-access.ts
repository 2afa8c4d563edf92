import type { MiddlewareHandler } from 'hono';
import { signInRequiredPage } from '../pages/login-page.ts';
import { identifyCaller, type WebAccessOptions, type WebEnv } from './identify-caller.ts';

/**
 * Pages are locked by default: every path not listed in `publicPaths` needs a credential, so a
 * route added later is locked without anyone remembering to lock it. The admin token (or its
 * session) opens every page read-only; a GitHub user's session opens the pages, which then show
 * only the repositories that user may read (`repositoryAccessCheck`); the metrics token opens
 * `/metrics` only, which GitHub users do not see (it counts every repository). Anonymous callers
 * get 401 whatever the path, so they learn nothing, not even which pages exist.
 */
export function requireAccess(
  options: WebAccessOptions & { publicPaths: readonly string[]; actionPathPrefix?: string },
): MiddlewareHandler<WebEnv> {
  const open = new Set(options.publicPaths);
  return async (c, next) => {
    if (open.has(c.req.path)) return next();
    const caller = await identifyCaller(c, options);
    const isMetrics = c.req.path === '/metrics';
    if (caller.kind === 'user' && isMetrics) return c.text('Not found\n', 404);
    const allowed = caller.kind === 'admin' || caller.kind === 'user' || (caller.kind === 'metrics' && isMetrics);
    if (!allowed) {
      c.header('WWW-Authenticate', 'Bearer realm="Runway"');
      c.header('Cache-Control', 'no-store');
      if ((c.req.header('accept') ?? '').includes('text/html')) {
        const next = `${c.req.path}${new URL(c.req.url).search}`;
        return c.html(signInRequiredPage({ next, github: options.githubSignIn !== undefined }), 401);
      }
      return c.text('Runway: sign in required (Authorization: Bearer <RUNWAY_ADMIN_TOKEN>, or /login/token in a browser)\n', 401);
    }
    // Only signed-in GitHub users act, and only through the action routes (which check the CSRF token).
    const action =
      caller.kind === 'user' && c.req.method === 'POST' && options.actionPathPrefix && c.req.path.startsWith(options.actionPathPrefix);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !action)
      return c.text('Runway pages are read-only\n', 405, { Allow: 'GET, HEAD' });
    c.header('Cache-Control', 'private, no-store');
    c.set('caller', caller);
    return next();
  };
}
