import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Database } from './database.ts';
import { requireBearer } from './http/require-bearer.ts';
import { healthRoute } from './routes/health-route.ts';
import { metricsRoute } from './routes/metrics-route.ts';
import { ordersRoutes } from './routes/orders-routes.ts';
import { tokenRoute } from './routes/token-route.ts';
import type { Settings } from './settings.ts';

export type AppDeps = {
  db: Database;
  settings: Pick<Settings, 'JWT_SECRET' | 'CORS_ORIGIN' | 'METRICS_TIME_ZONE'>;
  /** Where operational messages go (never request bodies or secrets). */
  log?: (message: string) => void;
};

/** The whole HTTP API; `server.ts` serves it, tests drive it with `app.request()`. */
export function createApp({ db, settings, log = console.error }: AppDeps): Hono {
  const app = new Hono();
  const allowed = new Set(settings.CORS_ORIGIN);
  app.use(
    '*',
    cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
    }),
  );
  app.get('/', (c) => c.json({ service: 'cargo-express-api', status: 'ok' }));
  app.route('/', healthRoute(db, log));
  app.route('/', tokenRoute(db, settings.JWT_SECRET));

  const bearer = requireBearer(settings.JWT_SECRET);
  app.use('/registrar_pedido_entregado', bearer);
  app.use('/pedidos', bearer);
  app.use('/metrics', bearer);
  app.route('/', ordersRoutes(db, settings.METRICS_TIME_ZONE));
  app.route('/', metricsRoute(db, settings.METRICS_TIME_ZONE));

  app.notFound((c) => c.json({ detail: 'Not Found' }, 404));
  app.onError((error, c) => {
    log(`unhandled error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return c.json({ detail: 'Internal Server Error' }, 500);
  });
  return app;
}
