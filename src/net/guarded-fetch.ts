import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector, fetch, type RequestInit, type Response } from 'undici';
import { AddressRefusedError, addressAllowed } from './address-allowed.ts';

/**
 * The address is checked where the connection is made, after DNS resolution, so a name that
 * resolves to a public address when a URL is checked and to 169.254.169.254 a moment later (DNS
 * rebinding) is still refused. IP literals skip DNS, so the connector checks them itself.
 */
function guardedLookup(allow: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    const all: LookupAllOptions = { ...options, all: true };
    dnsLookup(hostname, all, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => !addressAllowed(a.address, allow));
      if (refused) return callback(new AddressRefusedError(hostname, refused.address), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** An undici dispatcher that connects only to public addresses and to those `allow` (CIDRs) opens. */
export function guardedDispatcher(allow: readonly string[]): Agent {
  const connect = buildConnector({ lookup: guardedLookup(allow), timeout: 10_000 });
  return new Agent({
    connect: (options, callback) => {
      const host = options.hostname.replace(/^\[(.*)\]$/, '$1');
      if (isIP(host) !== 0 && !addressAllowed(host, allow)) return callback(new AddressRefusedError(host, host), null);
      connect(options, callback);
    },
  });
}

/** One dispatcher per distinct allow list (there are as many as policy entries), so connections are reused. */
const dispatchers = new Map<string, Agent>();

/** `fetch` for Runway's own requests on a repository's behalf (health and smoke checks): http(s) only, guarded addresses. */
export async function guardedFetch(url: string | URL, init: RequestInit & { allow: readonly string[] }): Promise<Response> {
  const { allow, ...rest } = init;
  const protocol = new URL(url).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') throw new TypeError(`only http and https URLs are fetched, not ${protocol}`);
  const key = [...allow].sort().join(',');
  let dispatcher = dispatchers.get(key);
  if (!dispatcher) dispatchers.set(key, (dispatcher = guardedDispatcher(allow)));
  return fetch(url, { ...rest, dispatcher });
}
