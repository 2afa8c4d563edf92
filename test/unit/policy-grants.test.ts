import { describe, expect, it } from 'vitest';
import { parseYamlWith } from '../../src/config/parse-yaml-document.ts';
import type { ResourceUse } from '../../src/policy/config-resources.ts';
import { checkGrants, matchingEntries, networkGranted } from '../../src/policy/policy-grants.ts';
import { policySchema, type Policy } from '../../src/policy/policy-schema.ts';

function policy(text: string): Policy {
  const parsed = parseYamlWith(policySchema, text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const shared = policy(`
repositories:
  - name: Acme/Web-*
    heroku_apps: [web-*]
    s3_buckets: [{ bucket: shared, prefix: web/ }]
    variables: [WEB_*]
    network: [10.1.0.0/16]
  - name: acme/web-shop
    s3_endpoints: [https://minio.internal:9000/]
    network: [10.2.0.5]
`);
const shop = { owner: 'ACME', name: 'web-shop', id: 7 };
const bucket = (prefix: string): ResourceUse => ({ kind: 's3_bucket', field: 'frontend.bucket', bucket: 'shared', prefix });

describe('policy grants', () => {
  it('matches names case-insensitively and gives a repository the union of its entries', () => {
    expect(matchingEntries(shared, shop).map((m) => m.index)).toEqual([0, 1]);
    expect(networkGranted(shared, shop)).toEqual(['10.1.0.0/16', '10.2.0.5/32']);
    const uses: ResourceUse[] = [
      { kind: 'heroku_app', field: 'backend.app', app: 'web-shop-api' },
      { kind: 's3_endpoint', field: 'frontend.endpoint', endpoint: 'https://minio.internal:9000' },
      { kind: 'variable', field: 'backend.config_vars.X.from_env', name: 'WEB_SECRET' },
      bucket('web/'),
      bucket('web/shop/'),
    ];
    expect(checkGrants(shared, '/etc/p.yml', shop, uses)).toEqual({ ok: true });
  });

  it("allows a bucket prefix only at or below the granted one: not '' and not a sibling that shares its letters", () => {
    const result = checkGrants(shared, '/etc/p.yml', shop, [bucket(''), bucket('webshop/'), bucket('other/')]);
    expect(result).toEqual({
      ok: false,
      reason: 'not_granted',
      refusals: ['', 'webshop/', 'other/'].map(
        (p) =>
          `frontend.bucket: bucket "shared" with prefix "${p}" is not granted to ACME/web-shop by the policy /etc/p.yml (repositories[0] Acme/Web-*, repositories[1] acme/web-shop)`,
      ),
    });
  });

  it('refuses everything to a repository no entry matches, saying so', () => {
    const result = checkGrants(shared, '/etc/p.yml', { owner: 'other', name: 'repo', id: 9 }, [
      { kind: 'variable', field: 'notify[0].slack.webhook', name: 'WEB_SLACK' },
    ]);
    expect(result.ok || result.refusals).toEqual([
      'notify[0].slack.webhook: server variable WEB_SLACK is in no entry of the policy /etc/p.yml: none matches other/repo (id 9)',
    ]);
  });

  it("rejects a granted prefix that does not end in '/', and a network that is not a range", () => {
    const parsed = parseYamlWith(
      policySchema,
      'repositories:\n  - name: a/b\n    s3_buckets: [{ bucket: x, prefix: web }]\n    network: [private]\n',
    );
    expect(parsed.ok || parsed.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`)).toEqual([
      "3:39 repositories.0.s3_buckets.0.prefix: must be '' (the whole bucket) or end with '/'",
      '4:15 repositories.0.network.0: must be an IP address or a CIDR range such as 10.0.0.0/8',
    ]);
  });
});
