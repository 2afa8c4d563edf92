import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { authenticate } from './auth/authenticate.ts';
import type { AppDeps, AppEnv } from './http/env.ts';
import { httpError } from './http/http-error.ts';
import { BEARER_SCHEME } from './http/openapi.ts';
import { clientRoutes } from './routes/client.ts';
import { channelRoutes } from './routes/channels.ts';
import { healthRoutes } from './routes/health.ts';
import { messageRoutes } from './routes/messages.ts';
import { queueRoutes } from './routes/queues.ts';
import { tokenRoutes } from './routes/token.ts';
import { userRoutes } from './routes/users.ts';

const MAX_BODY_BYTES = 256 * 1024;

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  // The client page (/client/) is served from the broker's own origin: without CORS_ORIGIN no other origin may call the API.
  if (deps.corsOrigins.length > 0) app.use('*', cors({ origin: deps.corsOrigins, allowHeaders: ['Authorization', 'Content-Type'] }));
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw httpError(413, `request body over ${MAX_BODY_BYTES} bytes`); } }));

  const channels = new OpenAPIHono<AppEnv>();
  channels.use('*', authenticate(deps));
  channels
    .route('/', channelRoutes(deps))
    .route('/', queueRoutes(deps))
    .route('/', messageRoutes(deps));

  app
    .route('/', healthRoutes(deps.pool))
    .route('/', tokenRoutes(deps))
    .route('/users', userRoutes(deps))
    .route('/channels', channels)
    .route('/', clientRoutes());

  app.openAPIRegistry.registerComponent('securitySchemes', BEARER_SCHEME, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'broker', version: '1.0.0' } });

  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      const res = error.getResponse();
      // Hono's own exceptions (malformed JSON, an unsupported media type) carry plain text; keep one error shape.
      if (res.headers.get('Content-Type')?.includes('application/json')) return res;
      return c.json({ error: error.message || 'bad request' }, error.status);
    }
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
