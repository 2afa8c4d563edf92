import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import pLimit from 'p-limit';

/** The two content hashes the sync uses: MD5 (what single-part ETags are) and SHA-256 (our metadata). */
export interface FileHashes {
  readonly md5: string;
  readonly sha256: string;
}

/** A file of the build. Hashes are computed only where a decision needs them before the upload. */
export interface LocalFile {
  /** Key relative to the site prefix, with `/` separators. */
  readonly relativeKey: string;
  readonly path: string;
  readonly size: number;
  readonly hashes?: FileHashes | undefined;
}

/** Small files are read whole: a stream per file costs more than hashing it. */
const readWholeBelow = 4 * 1024 * 1024;
const parallelReads = 8;

/** Lists every regular file under `dir`, with its size. */
export async function listLocalFiles(dir: string): Promise<LocalFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const limit = pLimit(32);
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) =>
        limit(async () => {
          const path = join(entry.parentPath, entry.name);
          return { relativeKey: relative(dir, path).split(sep).join('/'), path, size: (await stat(path)).size };
        }),
      ),
  );
  return files.sort((a, b) => (a.relativeKey < b.relativeKey ? -1 : 1));
}

/**
 * Hashes the files that `needed` picks. SHA-256 first (hardware-accelerated, about 3× cheaper than
 * MD5); `provenMd5` may then give the MD5 without reading the file again.
 */
export async function hashLocalFiles(
  files: readonly LocalFile[],
  needed: (file: LocalFile) => boolean,
  provenMd5: (file: LocalFile, sha256: string) => string | undefined,
  signal: AbortSignal,
): Promise<LocalFile[]> {
  const limit = pLimit(parallelReads);
  return Promise.all(
    files.map((file) =>
      needed(file)
        ? limit(async () => {
            signal.throwIfAborted();
            const [sha256] = await hashFile(file.path, file.size, ['sha256']);
            const md5 = provenMd5(file, sha256!) ?? (await hashFile(file.path, file.size, ['md5']))[0]!;
            return { ...file, hashes: { md5, sha256: sha256! } };
          })
        : file,
    ),
  );
}

export function hashContent(content: Buffer): FileHashes {
  return { md5: createHash('md5').update(content).digest('hex'), sha256: createHash('sha256').update(content).digest('hex') };
}

export async function hashFile(path: string, size: number, algorithms: string[]): Promise<string[]> {
  const hashes = algorithms.map((a) => createHash(a));
  if (size < readWholeBelow) {
    const content = await readFile(path);
    for (const hash of hashes) hash.update(content);
  } else {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
      for (const hash of hashes) hash.update(chunk as Buffer);
    }
  }
  return hashes.map((hash) => hash.digest('hex'));
}
