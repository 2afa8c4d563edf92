import type { Logger } from 'pino';
import { SmeeClient } from 'smee-client';

export interface WebhookProxy {
  stop(): Promise<void>;
}

/**
 * Development only: forwards the webhooks GitHub sends to a smee.io channel (`WEBHOOK_PROXY_URL`)
 * to this server's webhook path, as Probot apps do, so a laptop without a public address can
 * receive them. The signature check still runs on every forwarded delivery. A smee channel is
 * public: anyone with its URL reads the payloads.
 */
export async function startWebhookProxy(input: { source: string; target: string; log: Logger }): Promise<WebhookProxy> {
  const client = new SmeeClient({
    source: input.source,
    target: input.target,
    forward: true,
    logger: {
      info: (...args: unknown[]) => input.log.debug({ smee: args.map(String).join(' ') }, 'forwarded a webhook'),
      error: (...args: unknown[]) => input.log.warn({ smee: args.map(String).join(' ') }, 'webhook proxy trouble'),
    },
  });
  await client.start();
  input.log.warn(
    { source: input.source },
    'WEBHOOK_PROXY_URL: forwarding webhooks from a smee channel, which anyone with its URL can read: for development only',
  );
  return { stop: () => client.stop() };
}
