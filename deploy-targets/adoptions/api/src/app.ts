import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { Db } from './db/pool.ts';
import type { Logger } from './logger.ts';
import type { Mailer } from './mail/mailer.ts';
import { notifier } from './mail/notifier.ts';
import type { PhotoStorage } from './storage/photo-storage.ts';
import type { TokenService } from './auth/token.ts';
import type { AppEnv } from './http/app-env.ts';
import { onError } from './http/on-error.ts';
import { requireAuth } from './auth/require-auth.ts';
import { healthRoutes } from './routes/health.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { meRoutes } from './routes/me.ts';
import { passwordResetRoutes } from './routes/password-resets.ts';
import { accountRoutes } from './routes/accounts.ts';
import { roleRoutes } from './routes/roles.ts';
import { animalRoutes } from './routes/animals.ts';
import { adopterRoutes } from './routes/adopters.ts';
import { adoptionRequestRoutes } from './routes/adoption-requests.ts';
import { statisticsRoutes } from './routes/statistics.ts';
import { documentRoutes } from './routes/documents.ts';

export type AppDeps = {
  db: Db;
  tokens: TokenService;
  mailer: Mailer;
  storage: PhotoStorage;
  logger: Logger;
  /** Origins allowed to call the API from a browser; empty: none. */
  corsOrigins: string[];
  /** The web app's address, for links in e-mails. */
  webUrl?: string | undefined;
  /** Tells the export worker a document was queued (server.ts wires it; it also polls). */
  onDocumentQueued?: () => void;
};

/** Bodies are small JSON documents; photos go straight to the bucket, never through the API. */
const maxBodyBytes = 256 * 1024;

export function createApp(deps: AppDeps) {
  const { db, tokens } = deps;
  const notify = notifier(deps.mailer, deps.logger);
  const app = new Hono<AppEnv>();
  app.onError(onError(deps.logger));
  app.notFound((c) => c.json({ error: 'not_found', message: 'no such route' }, 404));
  app.use(
    '*',
    cors({
      origin: (origin) => (deps.corsOrigins.includes(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 600,
    }),
  );
  app.use(
    '*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => c.json({ error: 'payload_too_large', message: `bodies are limited to ${maxBodyBytes} bytes` }, 413),
    }),
  );
  app.route('/', healthRoutes(db, deps.logger));
  app.route('/', openApiRoutes());
  app.route('/', sessionRoutes(db, tokens));
  app.route('/password-resets', passwordResetRoutes(db, notify, deps.webUrl));

  const auth = requireAuth(db, tokens);
  const guarded = ['/me', '/me/*', '/accounts/*', '/roles', '/roles/*', '/animals', '/animals/*', '/adopters', '/adopters/*',
    '/adoption-requests', '/adoption-requests/*', '/statistics/*', '/exports', '/documents', '/documents/*'];
  for (const path of guarded) {
    app.use(path, async (c, next) => {
      // Sign-up (POST /accounts) is the one public route under these prefixes.
      if (c.req.method === 'POST' && c.req.path === '/accounts') return next();
      return auth(c, next);
    });
  }
  app.route('/me', meRoutes(db, notify));
  app.route('/accounts', accountRoutes(db, notify));
  app.route('/roles', roleRoutes(db));
  app.route('/animals', animalRoutes(db, deps.storage));
  app.route('/adopters', adopterRoutes(db));
  app.route('/adoption-requests', adoptionRequestRoutes(db));
  app.route('/statistics', statisticsRoutes(db));
  app.route('/', documentRoutes(db, deps.storage, deps.onDocumentQueued ?? (() => {})));
  return app;
}
