import { describe, expect, it } from 'vitest';
import { parseAllowedNetworks, sandboxRoutes } from '../../src/sandbox/network-routes.ts';

describe('sandbox routes', () => {
  it('blocks private and link-local ranges, opens allowed ones through the gateway, and the host addresses last', () => {
    expect(sandboxRoutes(['10.213.4.0/30', '10.0.0.0/8'], ['192.0.2.2'])).toEqual([
      'route add unreachable 10.0.0.0/8',
      'route add unreachable 172.16.0.0/12',
      'route add unreachable 192.168.0.0/16',
      'route add unreachable 100.64.0.0/10',
      'route add unreachable 169.254.0.0/16',
      'route replace 10.213.4.0/30 via 10.0.2.2',
      'route replace 10.0.0.0/8 via 10.0.2.2',
      'route replace unreachable 192.0.2.2/32',
    ]);
  });

  it("takes the policy's IPv4 ranges, leaves out loopback and IPv6 (Runway's own requests use those), refuses anything else by name", () => {
    expect(parseAllowedNetworks(['10.1.2.0/24', ' 172.16.0.9 '])).toEqual({ ok: true, cidrs: ['10.1.2.0/24', '172.16.0.9/32'] });
    expect(parseAllowedNetworks(['127.0.0.0/8', '127.0.0.1', 'fc00::/7', '::1', '10.9.0.0/16'])).toEqual({
      ok: true,
      cidrs: ['10.9.0.0/16'],
    });
    for (const bad of ['fc00::/129', '10.0.0.0/33', '300.1.1.1', 'registry.internal', '10.0.0.0/8; rm -rf /'])
      expect(parseAllowedNetworks([bad])).toEqual({ ok: false, reason: `"${bad}" is not an IPv4 CIDR (the sandbox has no IPv6)` });
  });
});
