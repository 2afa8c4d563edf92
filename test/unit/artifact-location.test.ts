import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentManifestKey, keptBuildMarkerKey, releaseManifestKey } from '../../src/artifacts/artifact-location.ts';
import { localArtifactStore } from '../../src/artifacts/local-artifact-store.ts';

const sha = 'a'.repeat(40);

describe('artifact locations', () => {
  it('key a site by lower-cased owner and repository and its environment', () => {
    const site = { owner: 'Acme', repo: 'Shop', environment: 'production' };
    expect(currentManifestKey(site)).toBe('acme/shop/production/current.json');
    expect(releaseManifestKey(site, sha)).toBe(`acme/shop/production/manifests/${sha}.json`);
    expect(keptBuildMarkerKey(site, sha)).toBe(`acme/shop/production/builds/${sha}/kept.json`);
  });

  it('keep an environment name from a repository config inside its own folder', () => {
    expect(currentManifestKey({ owner: 'acme', repo: 'shop', environment: '..' })).toBe('acme/shop/%2E%2E/current.json');
    expect(currentManifestKey({ owner: 'acme', repo: 'shop', environment: '../../etc' })).toBe('acme/shop/..%2F..%2Fetc/current.json');
    expect(() => releaseManifestKey({ owner: 'acme', repo: 'shop', environment: 'p' }, '../x')).toThrow('not a commit sha');
  });

  it('a local store refuses a key that would leave its folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'runway-artifacts-'));
    try {
      const store = localArtifactStore(dir);
      await store.put('a/b.txt', 'x');
      expect((await store.get('a/b.txt'))?.toString()).toBe('x');
      expect(await store.list('a/')).toEqual(['a/b.txt']);
      await expect(store.put('../escape.txt', 'x')).rejects.toThrow('leaves');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
