import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/app.ts';
import { tokenService } from '../../src/auth/token.ts';
import { jsonLogger } from '../../src/logger.ts';
import { recordingMailer, type RecordingMailer } from '../../src/mail/recording-mailer.ts';
import { seed } from '../../src/seed.ts';
import { s3PhotoStorage } from '../../src/storage/photo-storage.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { httpClient, type Call } from './http.ts';
import { contractChecker, type OpenApiDocument } from './contract.ts';
import type { Mailer } from '../../src/mail/mailer.ts';
import { startExportWorker } from '../../src/exports/export-worker.ts';
import { s3rverCredentials, startTestS3, type TestS3 } from './s3.ts';

export const jwtSecret = 'test-secret-test-secret-test-secret-0123';
export const adminEmail = 'admin@example.test';
export const adminPassword = 'admin-password-123';

export type Harness = {
  baseUrl: string;
  call: Call;
  database: TestDatabase;
  mailer: RecordingMailer;
  s3: TestS3;
  logLines: string[];
  adminToken: string;
  /** Signs up, gets accepted with `role` by the admin, signs in; returns the token. */
  member(role: string, email?: string): Promise<{ token: string; id: string }>;
  close(): Promise<void>;
};

let counter = 0;

/** The real app over real HTTP on a free port, with a fresh migrated and seeded database and s3rver. */
export type HarnessOptions = {
  corsOrigins?: string[];
  /** Default: a recording mailer (`h.mailer`); the SMTP tests pass the real SMTP mailer. */
  mailer?: Mailer;
  webUrl?: string;
  /** The seeded administrator (default: adminEmail / adminPassword). */
  admin?: { email: string; password: string };
};

export async function startHarness(label: string, options: HarnessOptions = {}): Promise<Harness> {
  const database = await createTestDatabase(label);
  const s3 = await startTestS3(`adoptions-uploads-${label}`.replace(/_/g, '-'), options.corsOrigins);
  const admin = options.admin ?? { email: adminEmail, password: adminPassword };
  await seed(database.db, { adminEmail: admin.email, adminPassword: admin.password });
  const mailer = recordingMailer();
  const logLines: string[] = [];
  const storage = s3PhotoStorage({ bucket: s3.bucket, region: 'us-east-1', endpoint: s3.endpoint, credentials: s3rverCredentials });
  const logger = jsonLogger((line) => logLines.push(line));
  // As in server.ts: the export worker runs beside the API, in the same process.
  const exportWorker = startExportWorker({ db: database.db, storage, logger });
  const app = createApp({
    db: database.db,
    tokens: tokenService(jwtSecret, 3600),
    mailer: options.mailer ?? mailer,
    webUrl: options.webUrl,
    storage,
    onDocumentQueued: exportWorker.kick,
    logger,
    corsOrigins: options.corsOrigins ?? [],
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Every answer in every test is checked against the document the app itself serves.
  const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as OpenApiDocument;
  const call = httpClient(baseUrl, contractChecker(document));
  const signIn = await call('POST', '/sessions', { body: { email: admin.email, password: admin.password } });
  if (signIn.status !== 200) throw new Error(`admin sign-in failed: ${signIn.status} ${JSON.stringify(signIn.body)}`);
  const adminToken: string = signIn.body.token;

  return {
    baseUrl,
    call,
    database,
    mailer,
    s3,
    logLines,
    adminToken,
    async member(role, email = `${role}-${++counter}@example.test`) {
      const password = 'member-password-123';
      const created = await call('POST', '/accounts', { body: { email, name: `A ${role}`, password } });
      const id: string = created.body.account.id;
      const accepted = await call('POST', `/accounts/${id}/accept`, { token: adminToken, body: { role } });
      if (accepted.status !== 200) throw new Error(`accept failed: ${JSON.stringify(accepted.body)}`);
      const session = await call('POST', '/sessions', { body: { email, password } });
      return { token: session.body.token, id };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await exportWorker.stop();
      await s3.close();
      await database.drop();
    },
  };
}
