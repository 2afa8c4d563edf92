import ipaddr from 'ipaddr.js';

/**
 * Whether Runway may connect to an address for a repository: public (unicast) addresses always;
 * loopback, private, link-local (the cloud metadata service 169.254.169.254), carrier-grade NAT,
 * unique-local and every other special range only when one of the policy's `network` CIDRs holds it.
 * IPv4 addresses written as IPv6 (::ffff:10.0.0.1) are judged as the IPv4 address they are.
 */
export function addressAllowed(address: string, allow: readonly string[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  if (ip.range() === 'unicast') return true;
  return allow.some((cidr) => {
    const [network, bits] = ipaddr.parseCIDR(cidr);
    return network.kind() === ip.kind() && ip.match(network, bits);
  });
}

/** A connection Runway refused to open: the address is not public and the policy does not open it. */
export class AddressRefusedError extends Error {
  readonly code = 'ERR_RUNWAY_ADDRESS_REFUSED';

  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    // ::ffff:a9fe:a9fe is shown as the 169.254.169.254 it is.
    const shown = ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
    super(
      `${host === shown ? shown : `${host} resolves to ${shown}, which`} is a loopback, private or link-local address that the policy's network list does not open to this repository`,
    );
    this.name = 'AddressRefusedError';
  }
}

/** The AddressRefusedError behind a failed request, looking through the wrapping of fetch and the SDK. */
export function refusedAddress(error: unknown): AddressRefusedError | undefined {
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof AddressRefusedError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
