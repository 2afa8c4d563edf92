import { describe, expect, it } from 'vitest';
import { decideSync } from '../../src/providers/s3/decide-sync.ts';
import type { LocalFile } from '../../src/providers/s3/local-files.ts';
import type { ReleaseManifest } from '../../src/providers/s3/manifest.ts';
import type { RemoteObject } from '../../src/providers/s3/remote-objects.ts';

const cache = { immutable: 'public, max-age=31536000, immutable', default: 'no-cache' };
const now = new Date('2026-01-01T12:00:00Z');

function file(relativeKey: string, md5: string, sha256 = `sha-${md5}`): LocalFile {
  return { relativeKey, path: `/build/${relativeKey}`, size: 10, hashes: { md5, sha256 } };
}
function remote(...objects: RemoteObject[]): Map<string, RemoteObject> {
  return new Map(objects.map((o) => [o.key, o]));
}
function manifest(partial: Partial<ReleaseManifest>): ReleaseManifest {
  return { version: 1, sha: 'old', previous: null, syncedAt: now.toISOString(), prefix: 'app/', files: {}, stale: {}, ...partial };
}

describe('decideSync', () => {
  it('uploads new and changed files by content, HTML apart, and leaves equal ones alone whatever their size or age', () => {
    const plan = decideSync({
      local: [file('index.html', 'h2'), file('assets/a-3f2a1b9c.js', 'a1'), file('logo.svg', 's1'), file('big.bin', 'b1', 'sha-big')],
      remote: remote(
        { key: 'app/index.html', etag: 'h1', size: 10 },
        { key: 'app/logo.svg', etag: 's1', size: 999 },
        { key: 'app/big.bin', etag: 'ffff-3', size: 10, sha256: 'sha-big' },
      ),
      current: undefined,
      prefix: 'app/',
      config: { cache_control: cache, keep_stale_seconds: 0 },
      now,
    });
    expect(plan.assets.map((u) => [u.key, u.reason, u.cacheControl])).toEqual([['app/assets/a-3f2a1b9c.js', 'new', cache.immutable]]);
    expect(plan.html.map((u) => [u.key, u.reason])).toEqual([['app/index.html', 'changed']]);
    expect(plan.unchanged).toBe(2);
    expect(plan.deletes).toEqual([]);
  });

  it('re-uploads a multipart object whose stored SHA-256 differs or is missing', () => {
    const plan = decideSync({
      local: [file('a.bin', 'm1', 'sha-new'), file('b.bin', 'm2', 'sha-b')],
      remote: remote({ key: 'a.bin', etag: 'abcd-2', size: 10, sha256: 'sha-old' }, { key: 'b.bin', etag: 'abcd-2', size: 10 }),
      current: undefined,
      prefix: '',
      config: { cache_control: cache, keep_stale_seconds: 0 },
      now,
    });
    expect(plan.assets.map((u) => [u.key, u.reason])).toEqual([
      ['a.bin', 'changed'],
      ['b.bin', 'changed'],
    ]);
  });

  it('re-uploads a file whose headers the live release sent differently', () => {
    const plan = decideSync({
      local: [file('assets/a-3f2a1b9c.js', 'a1')],
      remote: remote({ key: 'assets/a-3f2a1b9c.js', etag: 'a1', size: 10 }),
      current: manifest({
        prefix: '',
        files: {
          'assets/a-3f2a1b9c.js': {
            md5: 'a1',
            sha256: 'sha-a1',
            size: 10,
            contentType: 'text/javascript; charset=utf-8',
            cacheControl: 'no-cache',
          },
        },
      }),
      prefix: '',
      config: { cache_control: cache, keep_stale_seconds: 0 },
      now,
    });
    expect(plan.assets.map((u) => u.reason)).toEqual(['headers']);
  });

  it('keeps stale keys for keep_stale_seconds from the time they became stale, then deletes them', () => {
    const input = {
      local: [file('index.html', 'h1')],
      remote: remote(
        { key: 'app/index.html', etag: 'h1', size: 10 },
        { key: 'app/old-1.js', etag: 'o1', size: 10 },
        { key: 'app/old-2.js', etag: 'o2', size: 10 },
      ),
      prefix: 'app/',
      config: { cache_control: cache, keep_stale_seconds: 3600 },
      now,
    };
    const first = decideSync({
      ...input,
      current: manifest({ stale: { 'app/old-1.js': '2026-01-01T10:00:00.000Z', 'app/gone.js': '2025-01-01T00:00:00.000Z' } }),
    });
    expect(first.deletes).toEqual(['app/old-1.js']);
    expect(first.keptStale).toEqual({ 'app/old-2.js': now.toISOString() });

    const afterDelete = new Map([...input.remote].filter(([key]) => key !== 'app/old-1.js'));
    const early = decideSync({
      ...input,
      remote: afterDelete,
      current: manifest({ stale: first.keptStale }),
      now: new Date(now.getTime() + 3599_000),
    });
    expect(early.deletes).toEqual([]);
    expect(early.keptStale).toEqual(first.keptStale);
    const later = decideSync({
      ...input,
      remote: afterDelete,
      current: manifest({ stale: first.keptStale }),
      now: new Date(now.getTime() + 3600_000),
    });
    expect(later.deletes).toEqual(['app/old-2.js']);
    expect(later.keptStale).toEqual({});
  });
});
