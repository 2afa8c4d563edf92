/**
 * The floor for webhook acknowledgement: Probot 14 with an empty `deployment.created` handler on a
 * plain `node:http` server, as its own process. Prints `listening <port>` when ready.
 * Started by bench/webhook-ack.ts with the same webhook secret and private key as Runway.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, Probot } from 'probot';

const [appId, secret] = [process.env.APP_ID, process.env.WEBHOOK_SECRET];
if (!appId || !secret || !process.env.PRIVATE_KEY) throw new Error('probot-floor needs APP_ID, PRIVATE_KEY and WEBHOOK_SECRET');
const probot = new Probot({ appId: Number(appId), privateKey: process.env.PRIVATE_KEY, secret, logLevel: 'warn' });
const middleware = await createNodeMiddleware(
  (app) => {
    app.on('deployment.created', async () => undefined);
  },
  { probot, webhooksPath: '/api/github/webhooks' },
);
const server = createServer((req, res) => {
  void Promise.resolve(middleware(req, res)).then((handled) => {
    if (handled === false) res.writeHead(404).end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`));
