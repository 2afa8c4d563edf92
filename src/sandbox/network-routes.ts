import { isIPv4, isIPv6 } from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * Ranges a sandboxed command cannot reach unless the operator's policy allows them: private
 * networks, carrier-grade NAT and link-local (the cloud metadata service at 169.254.169.254).
 * Host loopback needs no route: slirp4netns runs with `--disable-host-loopback`, and 127.0.0.0/8
 * inside the sandbox is the sandbox's own. The sandbox has no IPv6 at all (slirp4netns without
 * `--enable-ipv6`), which closes fc00::/7 and fe80::/10 too.
 */
export const blockedRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16'] as const;

/** slirp4netns' gateway inside the namespace (`--configure` sets it up). */
const gateway = '10.0.2.2';

export type ParsedCidrs = { ok: true; cidrs: string[] } | { ok: false; reason: string };

/**
 * The sandbox's part of the policy's `network` list, which also opens addresses to Runway's own
 * requests (health and smoke checks, S3): IPv4 CIDRs other than loopback. Loopback entries (only
 * ever Runway's, since the host's loopback is never reachable from the sandbox) and IPv6 entries
 * (the sandbox has no IPv6) are left out; anything that is not an address range is refused.
 */
export function parseAllowedNetworks(list: readonly string[]): ParsedCidrs {
  const cidrs: string[] = [];
  for (const entry of list) {
    if (isIPv6Cidr(entry.trim())) continue;
    const match = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?$/.exec(entry.trim());
    const bits = match ? Number(match[2] ?? 32) : NaN;
    if (!match || !isIPv4(match[1]!) || bits > 32) {
      return { ok: false, reason: `"${entry}" is not an IPv4 CIDR (the sandbox has no IPv6)` };
    }
    if (match[1]!.startsWith('127.')) continue;
    cidrs.push(`${match[1]}/${bits}`);
  }
  return { ok: true, cidrs };
}

function isIPv6Cidr(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  return rest.length === 0 && isIPv6(address ?? '') && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= 128));
}

/**
 * `ip -batch` lines for a sandbox's namespace: the blocked ranges unreachable, the allowed ones
 * through slirp's gateway (`replace`, so an allowed range equal to a blocked one wins), and last the
 * host's own addresses unreachable whatever is allowed (Runway and PostgreSQL listen on them).
 */
export function sandboxRoutes(allowed: readonly string[], hostAddresses: readonly string[] = ownAddresses()): string[] {
  return [
    ...blockedRanges.map((cidr) => `route add unreachable ${cidr}`),
    ...allowed.map((cidr) => `route replace ${cidr} via ${gateway}`),
    ...hostAddresses.map((address) => `route replace unreachable ${address}/32`),
  ];
}

/** This machine's IPv4 addresses other than loopback. */
export function ownAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((i) => (i && i.family === 'IPv4' && !i.internal ? [i.address] : []));
}
