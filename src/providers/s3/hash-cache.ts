import type { Stats } from 'node:fs';

/**
 * SHA-256s of build files hashed before, trusted while the file's size, mtime, ctime and inode are
 * unchanged — as git's index trusts a file's stat data. A re-sync of an unchanged build (a
 * rollback to a kept build, a redeploy) then reads nothing; a rebuild writes new files, whose new
 * stat data misses the cache, so they are hashed by content as always. A file written within a
 * timestamp tick of being hashed could be written again without its stat data changing ("racily
 * clean"): hashes of files modified less than RACY_MS before are not kept. File timestamps tick
 * every few milliseconds, so 100 ms leaves a wide margin.
 */
const cache = new Map<string, { stamp: string; sha256: string }>();
const MAX_ENTRIES = 200_000;
const RACY_MS = 100;

export function fileStamp(stats: Stats): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;
}

export function cachedSha256(path: string, stamp: string): string | undefined {
  const hit = cache.get(path);
  return hit?.stamp === stamp ? hit.sha256 : undefined;
}

export function rememberSha256(path: string, stamp: string, mtimeMs: number, sha256: string): void {
  if (Date.now() - mtimeMs < RACY_MS) return;
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(path, { stamp, sha256 });
}
