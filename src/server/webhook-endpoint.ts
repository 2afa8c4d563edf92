import type { IncomingMessage, ServerResponse } from 'node:http';
import { createEventHandler, type EmitterWebhookEvent, type Webhooks } from '@octokit/webhooks';
import type { Logger } from 'pino';
import { createWebhookGate } from './webhook-gate.ts';

/**
 * Store connections kept open for the webhook handlers alone. One insert takes a few milliseconds,
 * so four carry a burst of 500 deliveries a second with room; each is a server process (on a
 * shared PostgreSQL, count four per replica in `max_connections`).
 */
export const WEBHOOK_STORE_CONNECTIONS = 4;

export type WebhookEndpoint = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * `POST /api/github/webhooks`: the door (src/server/webhook-gate.ts), then the handlers that `app`
 * registers, then the answer. 200 means the handlers finished, so what a delivery asks for is
 * stored before GitHub hears it arrived; a handler that fails (the store is down) makes it 500, a
 * failed delivery that GitHub lists and Runway's redelivery scan sends again
 * (src/redelivery/redelivery-scheduler.ts). There is no early 202: an acknowledged delivery is a
 * stored one.
 *
 * Not Probot's middleware: it checks the signature and parses the body a second time, and builds an
 * authenticated Octokit and a logger for every delivery, which the handlers (store and wake, no
 * GitHub call) never use; under a burst that was a quarter of an acknowledgement's CPU.
 */
export function createWebhookEndpoint(input: {
  secret: string;
  app: (events: Pick<Webhooks, 'on'>) => void;
  log: Pick<Logger, 'error'>;
}): WebhookEndpoint {
  const gate = createWebhookGate(input.secret);
  const events = createEventHandler({});
  input.app(events);
  return async (req, res) => {
    const delivery = await gate(req, res);
    if (delivery === 'answered') return;
    try {
      await events.receive(delivery as EmitterWebhookEvent);
    } catch (error) {
      // The event handler wraps what the handlers threw, with the whole payload attached: only the first error is logged.
      const cause: unknown = error instanceof AggregateError ? error.errors[0] : error;
      input.log.error({ err: cause, delivery: delivery.id, event: delivery.name }, 'a webhook handler failed; answered 500');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"the delivery could not be stored"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
  };
}
