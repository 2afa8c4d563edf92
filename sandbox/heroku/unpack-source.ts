import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { x as extract } from 'tar';

/** A failure the build log explains in one line. */
export class BuildError extends Error {}

/** Fetches the source tarball, checks the optional `SHA256:<hex>` checksum and saves it. */
export async function fetchSource(url: string, checksum: string | null, file: string): Promise<number> {
  const res = await fetch(url);
  if (!res.ok) throw new BuildError(`Could not fetch the source (${res.status} from ${new URL(url).origin}).`);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (checksum) {
    const [algorithm, expected] = checksum.split(':');
    if (algorithm?.toUpperCase() !== 'SHA256' || !expected) throw new BuildError(`Unsupported checksum "${checksum}" (use SHA256:<hex>).`);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== expected.toLowerCase()) throw new BuildError(`Checksum mismatch: the source is SHA256:${actual}.`);
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return bytes.length;
}

/** Unpacks into `dir`; an archive holding one top-level folder is taken to be that folder. */
export async function unpackSource(file: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  try {
    await extract({ file, cwd: dir, strict: true });
  } catch (error) {
    throw new BuildError(`The source is not a gzipped tarball (${(error as Error).message}).`);
  }
  const entries = (await readdir(dir)).filter((name) => name !== '.' && name !== 'pax_global_header');
  const only = entries[0];
  if (entries.length !== 1 || only === undefined || !(await stat(join(dir, only))).isDirectory()) return;
  const inner = join(dir, only);
  const lifted = `${dir}.lift`;
  await rename(inner, lifted);
  await rm(dir, { recursive: true });
  await rename(lifted, dir);
}
