import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { logger } from 'hono/logger';
import { createApp } from './app.ts';
import { createDatabase } from './database.ts';
import { loadSettings } from './settings.ts';

const loaded = loadSettings(process.env);
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
const { settings } = loaded;
const db = createDatabase(settings);
db.on('error', (error) => console.error(`database: idle client error: ${error.message}`));

// hono/logger prints method, path and status only: no headers, so no bearer tokens.
const root = new Hono().use(logger()).route('/', createApp({ db, settings }));
const server = serve({ fetch: root.fetch, port: settings.PORT }, (info) => {
  console.log(`cargo-express-api listening on port ${info.port}`);
});

// Heroku sends SIGTERM and allows 30 s before SIGKILL.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => {
      db.end().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`shutdown: ${(error as Error).message}`);
          process.exit(1);
        },
      );
    });
  });
}
