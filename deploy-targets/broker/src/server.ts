import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { createPool } from './database.ts';
import { readSettings, SettingsError } from './settings.ts';

let settings;
try {
  settings = readSettings(process.env);
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(`broker: ${error.message}`);
  process.exit(1);
}

const pool = createPool(settings);
pool.on('error', (error) => console.error('broker: idle database connection failed:', error.message));

const app = createApp({
  pool,
  jwtSecret: settings.JWT_SECRET,
  tokenTtlSeconds: settings.TOKEN_TTL_SECONDS,
  visibilityTimeoutSeconds: settings.VISIBILITY_TIMEOUT_SECONDS,
  corsOrigins: settings.CORS_ORIGIN,
});

const server = serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(`broker: listening on port ${info.port}`);
});

// Heroku sends SIGTERM and waits 30 s before SIGKILL: finish in-flight requests, then close the pool.
process.on('SIGTERM', () => {
  server.close(() => {
    void pool.end().finally(() => process.exit(0));
  });
});
