import type { DeployEvent, DeployEventType, Notifier } from './notifier.ts';
import { postJson } from './post-json.ts';
import { signRunwayPayload } from './webhook-signature.ts';

export { signRunwayPayload, verifyRunwaySignature, type SignatureCheck } from './webhook-signature.ts';

/** A generic JSON webhook: the body is the event itself, signed with the shared secret. */
export function createWebhookNotifier(options: {
  name: string;
  url: string;
  secret: string;
  events?: ReadonlySet<DeployEventType>;
  clock?: () => number;
}): Notifier {
  const clock = options.clock ?? Date.now;
  return {
    name: options.name,
    ...(options.events && { events: options.events }),
    send: (event: DeployEvent, signal) => {
      const body = JSON.stringify(event);
      const timestamp = Math.floor(clock() / 1000);
      return postJson(options.url, body, signal, {
        'x-runway-event': event.type,
        'x-runway-timestamp': String(timestamp),
        'x-runway-signature': signRunwayPayload(options.secret, timestamp, body),
      });
    },
  };
}
