import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { create } from 'tar';

export interface SourceArchive {
  bytes: Buffer<ArrayBuffer>;
  /** Hex SHA-256 of `bytes`, for the build's `checksum` (`SHA256:<hex>`). */
  sha256: string;
  entries: number;
}

/**
 * A gzipped tarball of `dir` with the folder's contents at the archive root, which is where
 * Heroku's build looks for the Procfile. The repository's `.git` stays out, and so does anything
 * but regular files and folders: a symbolic link would let the archive carry a path out of the
 * checkout (node-tar does not follow links; they would be packed as links).
 */
export async function archiveSource(dir: string): Promise<SourceArchive> {
  const names = (await readdir(dir)).filter((name) => name !== '.git').sort();
  let entries = 0;
  const pack = create(
    {
      gzip: true,
      cwd: dir,
      portable: true,
      filter: (_path, stat) => ('isFile' in stat ? stat.isFile() || stat.isDirectory() : false),
      onWriteEntry: () => void entries++,
    },
    names,
  );
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  for await (const chunk of pack as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    hash.update(chunk);
  }
  return { bytes: Buffer.concat(chunks), sha256: hash.digest('hex'), entries };
}
