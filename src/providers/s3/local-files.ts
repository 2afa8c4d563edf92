import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import pLimit from 'p-limit';

/** A file of the build. `md5` is filled in only where the sync needs it (see withMd5). */
export interface LocalFile {
  /** Key relative to the site prefix, with `/` separators. */
  readonly relativeKey: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly md5: string;
}

export type ScannedFile = Omit<LocalFile, 'md5'>;

/** Small files are read whole: a stream per file costs more than hashing it. */
const readWholeBelow = 4 * 1024 * 1024;
const parallelReads = 8;

/** Lists every regular file under `dir` with its SHA-256 (hardware-accelerated, about 3× cheaper than MD5). */
export async function scanLocalFiles(dir: string, signal: AbortSignal): Promise<ScannedFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const limit = pLimit(parallelReads);
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) =>
        limit(async () => {
          signal.throwIfAborted();
          const path = join(entry.parentPath, entry.name);
          const { size } = await stat(path);
          const [sha256] = await hashFile(path, size, ['sha256']);
          return { relativeKey: relative(dir, path).split(sep).join('/'), path, size, sha256: sha256! };
        }),
      ),
  );
  return files.sort((a, b) => (a.relativeKey < b.relativeKey ? -1 : 1));
}

/**
 * Adds the MD5 (what single-part ETags are) to each file: `known` gives it without reading the file
 * again when the live manifest proves it; the others are hashed.
 */
export async function withMd5(files: readonly ScannedFile[], known: (file: ScannedFile) => string | undefined, signal: AbortSignal): Promise<LocalFile[]> {
  const limit = pLimit(parallelReads);
  return Promise.all(
    files.map((file) =>
      limit(async () => {
        const md5 = known(file);
        if (md5 !== undefined) return { ...file, md5 };
        signal.throwIfAborted();
        const [hashed] = await hashFile(file.path, file.size, ['md5']);
        return { ...file, md5: hashed! };
      }),
    ),
  );
}

async function hashFile(path: string, size: number, algorithms: string[]): Promise<string[]> {
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
