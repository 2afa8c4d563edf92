import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { tokenService } from './auth/token.ts';
import { createPool } from './db/pool.ts';
import { jsonLogger } from './logger.ts';
import { logMailer } from './mail/log-mailer.ts';
import { smtpMailer } from './mail/smtp-mailer.ts';
import { readSettings, SettingsError } from './settings.ts';
import { s3PhotoStorage } from './storage/photo-storage.ts';
import { startExportWorker } from './exports/export-worker.ts';

const logger = jsonLogger();
let settings;
try {
  settings = readSettings(process.env);
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  process.stderr.write(`adoptions-api: ${error.message}\n`);
  process.exit(1);
}

const db = createPool(settings.databaseUrl, {
  ssl: settings.databaseSsl,
  onIdleError: (error) => logger.error('idle database connection failed', { error: error.message, code: error.code }),
});
const storage = s3PhotoStorage(settings.storage);
const exportWorker = startExportWorker({ db, storage, logger });
const app = createApp({
  db,
  tokens: tokenService(settings.jwtSecret, settings.tokenTtlSeconds),
  mailer: settings.mail.transport === 'smtp' ? smtpMailer(settings.mail.smtp) : logMailer(logger),
  storage,
  onDocumentQueued: exportWorker.kick,
  logger,
  corsOrigins: settings.corsOrigins,
  webUrl: settings.webUrl,
});

const server = serve({ fetch: app.fetch, port: settings.port }, (info) => {
  logger.info('listening', {
    port: info.port,
    corsOrigins: settings.corsOrigins,
    bucket: settings.storage.bucket,
    mail: settings.mail.transport,
  });
});

// Heroku sends SIGTERM and allows 30 s before SIGKILL.
process.on('SIGTERM', () => {
  server.close(() => void exportWorker.stop().then(() => db.end()).then(() => process.exit(0)));
});
