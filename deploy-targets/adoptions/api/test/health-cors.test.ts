import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { tokenService } from '../src/auth/token.ts';
import { createPool } from '../src/db/pool.ts';
import { jsonLogger } from '../src/logger.ts';
import { recordingMailer } from '../src/mail/recording-mailer.ts';
import { s3PhotoStorage } from '../src/storage/photo-storage.ts';
import { ignoreDropTermination } from './support/database.ts';
import { adminEmail, adminPassword, jwtSecret, startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('health', { corsOrigins: ['https://web.example', 'https://admin.example'] });
});
afterAll(async () => {
  await h?.close();
});

describe('/healthz', () => {
  it('answers 200 while the database answers', async () => {
    const res = await h.call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, database: 'up' });
  });

  it('answers 503 and logs when the database is unreachable', async () => {
    const db = createPool(`postgres://postgres@127.0.0.1:5432/${h.database.name}_missing`, { onIdleError: ignoreDropTermination });
    const lines: string[] = [];
    const app = createApp({
      db,
      tokens: tokenService(jwtSecret, 60),
      mailer: recordingMailer(),
      storage: s3PhotoStorage({ bucket: 'b', region: 'us-east-1', endpoint: h.s3.endpoint }),
      logger: jsonLogger((l) => lines.push(l)),
      corsOrigins: [],
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ok: false, database: 'down' });
      expect(lines.some((l) => l.includes('healthcheck failed'))).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.end();
    }
  });
});

describe('CORS', () => {
  it('allows the configured origins, with the Authorization header', async () => {
    const res = await fetch(`${h.baseUrl}/animals`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://admin.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://admin.example');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('gives other origins no CORS grant', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('password change', () => {
  it('needs the current password and takes effect at the next sign-in', async () => {
    const member = await h.member('staff', 'pw@example.test');
    const wrong = await h.call('PUT', '/me/password', {
      token: member.token,
      body: { currentPassword: 'nope-nope-nope', newPassword: 'brand-new-password' },
    });
    expect(wrong.status).toBe(403);
    const ok = await h.call('PUT', '/me/password', {
      token: member.token,
      body: { currentPassword: 'member-password-123', newPassword: 'brand-new-password' },
    });
    expect(ok.status).toBe(204);
    expect((await h.call('POST', '/sessions', { body: { email: 'pw@example.test', password: 'member-password-123' } })).status).toBe(401);
    expect((await h.call('POST', '/sessions', { body: { email: 'pw@example.test', password: 'brand-new-password' } })).status).toBe(200);
    expect((await h.call('POST', '/sessions', { body: { email: adminEmail, password: adminPassword } })).status).toBe(200);
  });
});
