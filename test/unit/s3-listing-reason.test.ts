import { describe, expect, it } from 'vitest';
import { listingReason, objectsFromManifest, type TrustInput } from '../../src/providers/s3/bucket-view.ts';
import type { ReleaseManifest } from '../../src/providers/s3/manifest.ts';
import type { SyncRecord } from '../../src/providers/s3/sync-record.ts';

const manifest: ReleaseManifest = {
  version: 1,
  sha: 'a'.repeat(40),
  previous: null,
  syncedAt: '2026-11-30T10:00:00.000Z',
  prefix: 'app/',
  files: {
    'app/index.html': { md5: 'm1', sha256: 's1', size: 10, contentType: 'text/html', cacheControl: 'no-cache' },
    'app/big.mp4': { md5: 'm2', sha256: 's2', size: 20_000_000, contentType: 'video/mp4', cacheControl: 'no-cache' },
  },
  stale: { 'app/old.js': '2026-11-30T09:00:00.000Z' },
};
const record: SyncRecord = {
  version: 1,
  manifestVersion: 'v1',
  bucket: 'site',
  prefix: 'app/',
  endpoint: null,
  verifiedAt: '2026-11-30T10:00:00.000Z',
};
const trusted: TrustInput = {
  live: { manifest, version: 'v1' },
  record: { ok: true, record },
  target: { bucket: 'site', prefix: 'app/', region: 'us-east-1', endpoint: undefined },
  verify: false,
  verifyHours: 24,
  now: new Date('2026-11-30T12:00:00.000Z'),
};

describe('when the live manifest may stand for a bucket listing', () => {
  it("trusts Runway's own last manifest for the same place, listed less than verify_hours ago", () => {
    expect(listingReason(trusted)).toBeUndefined();
  });

  it.each([
    ['verify asked for', { verify: true }, 'verification asked for'],
    ['verify_hours 0', { verifyHours: 0 }, 'verify_hours is 0'],
    ['no manifest', { live: undefined }, 'no live manifest'],
    ['no record', { record: { ok: true as const, record: undefined } }, 'no record of a complete sync'],
    ['an unreadable record', { record: { ok: false as const, reason: 'x/synced.json is not JSON' } }, 'x/synced.json is not JSON'],
    [
      'a manifest someone else wrote',
      { live: { manifest, version: 'v2' } },
      'the live manifest is not the one Runway left after its last complete sync',
    ],
    ['another bucket', { target: { ...trusted.target, bucket: 'other' } }, 'the last sync went to site/app/'],
    ['another prefix', { target: { ...trusted.target, prefix: '' } }, 'the last sync went to site/app/'],
    ['another endpoint', { target: { ...trusted.target, endpoint: 'http://127.0.0.1:9000' } }, 'the last sync went to site/app/'],
    [
      'a listing as old as verify_hours',
      { now: new Date('2026-12-01T10:00:00.000Z') },
      'last listed 2026-11-30T10:00:00.000Z, over 24 h ago',
    ],
    [
      'a listing time that does not parse',
      { record: { ok: true as const, record: { ...record, verifiedAt: 'yesterday' } } },
      'last listed yesterday, over 24 h ago',
    ],
  ])('lists the bucket for %s', (_name, change, reason) => {
    expect(listingReason({ ...trusted, ...change })).toBe(reason);
  });

  it('takes files with their recorded hashes, and stale keys with no known content, from a trusted manifest', () => {
    expect([...objectsFromManifest(manifest).values()]).toEqual([
      { key: 'app/index.html', etag: 'm1', size: 10, sha256: 's1' },
      { key: 'app/big.mp4', etag: 'm2', size: 20_000_000, sha256: 's2' },
      { key: 'app/old.js', etag: '', size: 0 },
    ]);
  });
});
