import type { MiddlewareHandler } from 'hono';
import { signInRequiredPage } from '../pages/login-page.ts';
import { identifyCaller, type WebAccessOptions } from './identify-caller.ts';

/**
 * Pages are locked by default: every path not listed in `publicPaths` needs a credential, so a
 * route added later is locked without anyone remembering to lock it. The admin token (or its
 * session) opens every page read-only; the metrics token opens `/metrics` only. Anonymous callers
 * get 401 whatever the path, so they learn nothing, not even which pages exist.
 */
export function requireAccess(options: WebAccessOptions & { publicPaths: readonly string[] }): MiddlewareHandler {
  const open = new Set(options.publicPaths);
  return async (c, next) => {
    if (open.has(c.req.path)) return next();
    const caller = await identifyCaller(c, options);
    const allowed = caller.kind === 'admin' || (caller.kind === 'metrics' && c.req.path === '/metrics');
    if (!allowed) {
      c.header('WWW-Authenticate', 'Bearer realm="Runway"');
      c.header('Cache-Control', 'no-store');
      if ((c.req.header('accept') ?? '').includes('text/html')) return c.html(signInRequiredPage(c.req.path), 401);
      return c.text('Runway: sign in required (Authorization: Bearer <RUNWAY_ADMIN_TOKEN>, or /login/token in a browser)\n', 401);
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.text('Runway pages are read-only\n', 405, { Allow: 'GET, HEAD' });
    c.header('Cache-Control', 'private, no-store');
    return next();
  };
}
