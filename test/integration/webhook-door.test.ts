import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

const WEBHOOK_PATH = '/api/github/webhooks';
const wellFormedSignature = `sha256=${'ab'.repeat(32)}`;

/**
 * Sends a webhook request's headers and no body, and resolves with the status line of the answer:
 * an answer that arrives proves the server decided without the body.
 */
function headersOnly(port: number, headers: Record<string, string | undefined>): { socket: Socket; status: Promise<number> } {
  const socket = connect(port, '127.0.0.1');
  const lines = [`POST ${WEBHOOK_PATH} HTTP/1.1`, 'Host: 127.0.0.1'];
  // `undefined` leaves a header out.
  for (const [name, value] of Object.entries({ 'Content-Type': 'application/json', 'X-GitHub-Event': 'ping', ...headers })) {
    if (value !== undefined) lines.push(`${name}: ${value}`);
  }
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  let received = '';
  const status = new Promise<number>((resolve, reject) => {
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (match) resolve(Number(match[1]));
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`closed without an answer: ${JSON.stringify(received)}`)));
  });
  status.catch(() => undefined);
  return { socket, status };
}

async function count(stack: RunwayStack, table: string): Promise<number> {
  const rows = await stack.runway.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return Number(rows[0]!.n);
}

// The door decides before the store is involved, so one engine shows it.
describe('the webhook door', () => {
  let stack: RunwayStack;
  let port: number;
  beforeAll(async () => {
    stack = await startRunwayStack('postgres');
    port = stack.runway.port;
  });
  afterAll(() => stack?.close());

  it('refuses a missing or malformed signature header before reading the body', async () => {
    for (const signature of [
      undefined,
      'sha1=' + 'ab'.repeat(20),
      'sha256=' + 'AB'.repeat(32),
      'sha256=' + 'ab'.repeat(31),
      'sha256=xyz',
    ]) {
      const headers: Record<string, string> = { 'Content-Length': '1000', 'X-GitHub-Delivery': crypto.randomUUID() };
      if (signature) headers['X-Hub-Signature-256'] = signature;
      const { socket, status } = headersOnly(port, headers);
      expect(await status, signature ?? 'no header').toBe(401);
      socket.destroy();
    }
    expect(await count(stack, 'deliveries')).toBe(0);
  });

  it('refuses a delivery without its event name or id (400), or whose body is not JSON (415), before reading the body', async () => {
    const wellFormed = { 'Content-Length': '1000', 'X-Hub-Signature-256': wellFormedSignature, 'X-GitHub-Delivery': crypto.randomUUID() };
    for (const [missing, expected] of [
      [{ 'X-GitHub-Event': undefined }, 400],
      [{ 'X-GitHub-Delivery': undefined }, 400],
      [{ 'Content-Type': undefined }, 415],
      [{ 'Content-Type': 'application/x-www-form-urlencoded' }, 415],
    ] as const) {
      const { socket, status } = headersOnly(port, { ...wellFormed, ...missing });
      expect(await status, JSON.stringify(missing)).toBe(expected);
      socket.destroy();
    }
    expect(await count(stack, 'deliveries')).toBe(0);
  });

  it('answers 500 to a delivery it cannot store, acknowledging nothing it did not keep', async () => {
    // A deployment id past PostgreSQL's bigint: the handler's insert fails, as it would with the store down.
    const delivery = await stack.github.sendWebhook('deployment', {
      action: 'created',
      deployment: { id: 1e30, task: 'deploy', environment: 'production', sha: 'a'.repeat(40), ref: 'main', payload: {}, creator: null },
      repository: { id: 1, name: 'door', owner: { login: 'acme' } },
      installation: { id: 1 },
    });
    expect(delivery.status).toBe(500);
    expect(await count(stack, 'deliveries')).toBe(0);
    expect(await count(stack, 'deployments')).toBe(0);
  });

  it('refuses a declared body over 25 MB before it is sent', async () => {
    const { socket, status } = headersOnly(port, {
      'Content-Length': String(25 * 1024 * 1024 + 1),
      'X-Hub-Signature-256': wellFormedSignature,
      'X-GitHub-Delivery': crypto.randomUUID(),
    });
    expect(await status).toBe(413);
    socket.destroy();
  });

  it('stops reading a chunked body past 25 MB and answers 413', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const answer = await new Promise<{ status: number; sentBytes: number }>((resolve, reject) => {
      let sentBytes = 0;
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: WEBHOOK_PATH,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': wellFormedSignature,
            'x-github-event': 'ping',
            'x-github-delivery': crypto.randomUUID(),
          },
        },
        (res) => {
          resolve({ status: res.statusCode ?? 0, sentBytes });
          res.resume();
          req.destroy();
        },
      );
      req.on('error', (error) => reject(new Error(`${error.message} after sending ${sentBytes} bytes`)));
      const pump = () => {
        while (sentBytes < 40 * 1024 * 1024) {
          sentBytes += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(answer.sentBytes).toBeGreaterThan(25 * 1024 * 1024);
    expect(answer.sentBytes).toBeLessThan(40 * 1024 * 1024);
  });

  it('reads at most a few bodies at once and answers 503 when too many wait, then recovers', async () => {
    // Clients that send headers and then never their bodies hold the read slots and the waiting line.
    const stalled: Socket[] = [];
    const stall = () => {
      const { socket, status } = headersOnly(port, {
        'Content-Length': '1000',
        'X-Hub-Signature-256': wellFormedSignature,
        'X-GitHub-Delivery': crypto.randomUUID(),
      });
      stalled.push(socket);
      return status;
    };
    for (let i = 0; i < 8 + 64; i++) void stall();
    // The server sees those connections in its own time: keep adding one until the line is full
    // (each one that is not refused at once waits in the line too).
    let refused = 0;
    for (let probe = 0; probe < 40 && refused !== 503; probe++) {
      refused = await Promise.race([stall(), new Promise<number>((r) => setTimeout(() => r(0), 250))]);
    }
    expect(refused).toBe(503);
    for (const s of stalled) s.destroy();
    // Slots come back when those clients go away: a real delivery gets through.
    let after = 0;
    for (let attempt = 0; attempt < 40 && after !== 200; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 250));
      after = (await stack.github.sendWebhook('star', { action: 'created', repository: { name: 'x', owner: { login: 'y' } } })).status;
    }
    expect(after).toBe(200);
  });
});
