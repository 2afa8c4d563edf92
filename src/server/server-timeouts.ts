import type { ServerOptions } from 'node:http';

/**
 * Timeouts of Runway's one HTTP server. A client that trickles its headers or body (slowloris) is
 * cut off instead of holding a connection and, for webhooks, a body-read slot.
 */
export const SERVER_TIMEOUTS = {
  // Headers are a few hundred bytes: 10 s is generous for any real client.
  headersTimeout: 10_000,
  // The whole request, body included: a 25 MB delivery from GitHub arrives in well under a second;
  // a minute leaves room for slow links without letting a trickle hold a slot for Node's default 5 min.
  requestTimeout: 60_000,
  // Longer than the 60 s idle timeout of common load balancers, so that Runway is never the side
  // closing a kept-alive connection just as the balancer reuses it (Node's default is 5 s). An idle
  // kept-alive connection is not a request in progress, so the two timeouts above do not cut it.
  keepAliveTimeout: 65_000,
  // How often Node checks the two request timeouts (default 30 s, which would let them run late by that much).
  connectionsCheckingInterval: 1_000,
} satisfies ServerOptions;
