import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import pLimit from 'p-limit';

/** A file of the build, with the hashes that decide whether it must be uploaded. */
export interface LocalFile {
  /** Key relative to the site prefix, with `/` separators. */
  readonly relativeKey: string;
  readonly path: string;
  readonly size: number;
  readonly md5: string;
  readonly sha256: string;
}

/** Small files are read whole: a stream per file costs more than hashing it. */
const readWholeBelow = 4 * 1024 * 1024;

/** Lists every regular file under `dir` and hashes its content (MD5 for ETags, SHA-256 for metadata). */
export async function scanLocalFiles(dir: string, signal: AbortSignal): Promise<LocalFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const limit = pLimit(8);
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) =>
        limit(async () => {
          signal.throwIfAborted();
          const path = join(entry.parentPath, entry.name);
          const { size } = await stat(path);
          const { md5, sha256 } = size < readWholeBelow ? hashBuffer(await readFile(path)) : await hashStream(path);
          return { relativeKey: relative(dir, path).split(sep).join('/'), path, size, md5, sha256 };
        }),
      ),
  );
  return files.sort((a, b) => (a.relativeKey < b.relativeKey ? -1 : 1));
}

function hashBuffer(content: Buffer): { md5: string; sha256: string } {
  return { md5: createHash('md5').update(content).digest('hex'), sha256: createHash('sha256').update(content).digest('hex') };
}

async function hashStream(path: string): Promise<{ md5: string; sha256: string }> {
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    md5.update(chunk as Buffer);
    sha256.update(chunk as Buffer);
  }
  return { md5: md5.digest('hex'), sha256: sha256.digest('hex') };
}
