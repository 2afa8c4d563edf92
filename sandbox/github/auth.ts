import type { MiddlewareHandler } from 'hono';
import { checkAppJwt, looksLikeJwt } from './app-auth.ts';
import type { Env, FakeContext } from './context.ts';
import { FakeHttpError } from './http-error.ts';

/** Routes GitHub only answers for the App's JWT. */
const appRoute = (path: string): boolean =>
  path === '/app' || path.startsWith('/app/') || /^\/repos\/[^/]+\/[^/]+\/installation$/.test(path);

/**
 * App JWT on `/app/...`, a user token on `/user`, an installation token everywhere else; 401 otherwise.
 * Without `strictTokens` any non-JWT token passes, so a test can drive the fake with a plain Octokit.
 */
export function authMiddleware(ctx: FakeContext): MiddlewareHandler<Env> {
  return async (c, next) => {
    const path = decodeURIComponent(c.req.path).replace(/^\/api\/v3/, '');
    const header = c.req.header('authorization') ?? '';
    const match = /^(?:bearer|token)\s+(\S+)$/i.exec(header);
    if (!match) throw new FakeHttpError(401, 'Requires authentication');
    const credential = match[1] as string;
    if (appRoute(path)) {
      if (!looksLikeJwt(credential)) throw new FakeHttpError(401, 'A JSON web token could not be decoded');
      const check = checkAppJwt(credential, ctx.appId, ctx.keys.publicKey);
      if (!check.ok) throw new FakeHttpError(401, `A JSON web token could not be decoded (${check.reason})`);
      c.set('actor', { kind: 'app' });
      return next();
    }
    if (looksLikeJwt(credential))
      throw new FakeHttpError(401, 'Bad credentials: an App JWT cannot call this endpoint; use an installation token');
    const user = ctx.userTokens.get(credential);
    if (user) {
      c.set('actor', { kind: 'user', ...user });
      return next();
    }
    const oauthLogin = ctx.oauth.userTokens.get(credential);
    if (oauthLogin !== undefined) {
      // Runway only asks who a signed-in user is; everything else it does with the installation's token.
      if (path !== '/user') throw new FakeHttpError(403, 'The fake GitHub answers user tokens on GET /user only');
      c.set('actor', { kind: 'user', login: oauthLogin, type: 'User' });
      return next();
    }
    const installationId = ctx.tokens.get(credential) ?? null;
    if (ctx.strictTokens && installationId === null) throw new FakeHttpError(401, 'Bad credentials');
    c.set('actor', { kind: 'installation', installationId, login: `${ctx.appSlug}[bot]`, type: 'Bot' });
    return next();
  };
}
