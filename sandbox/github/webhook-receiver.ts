import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = {
  event: string;
  deliveryId: string;
  signatureValid: boolean;
  headers: IncomingHttpHeaders;
  body: string;
  payload: Record<string, unknown>;
};

export type WebhookReceiver = { url: string; received: ReceivedWebhook[]; close(): Promise<void> };

function signatureMatches(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A plain webhook endpoint for tests: records every POST, checks its signature, answers 200 (or 401 when unsigned or bad). */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signatureValid = signatureMatches(secret, body, req.headers['x-hub-signature-256'] as string | undefined);
      received.push({
        event: String(req.headers['x-github-event']),
        deliveryId: String(req.headers['x-github-delivery']),
        signatureValid,
        headers: req.headers,
        body,
        payload: JSON.parse(body) as Record<string, unknown>,
      });
      res.writeHead(signatureValid ? 200 : 401, { 'content-type': 'text/plain' }).end(signatureValid ? 'ok' : 'bad signature');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
