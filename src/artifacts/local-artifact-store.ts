import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactStore } from './artifact-store.ts';

/** Artifacts in a folder of this machine: enough for one process; replicas need the S3 store. */
export function localArtifactStore(root: string): ArtifactStore {
  const resolved = path.resolve(root);
  const file = (key: string) => {
    const full = path.resolve(resolved, key);
    // Keys come from artifact-location.ts, which encodes names; this guards against a slip anyway.
    if (!full.startsWith(`${resolved}${path.sep}`)) throw new Error(`artifact key ${JSON.stringify(key)} leaves ${resolved}`);
    return full;
  };
  return {
    location: resolved,
    bucket: undefined,
    shared: false,
    async put(key, body) {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Written beside and renamed: a reader never sees half a file.
      const staging = `${target}.partial-${process.pid}-${Math.random().toString(36).slice(2)}`;
      await writeFile(staging, body);
      await rename(staging, target);
    },
    async get(key) {
      return readFile(file(key)).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw err;
      });
    },
    async list(prefix) {
      const entries = await readdir(resolved, { recursive: true, withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return [];
        throw err;
      });
      return entries
        .filter((e) => e.isFile() && !e.name.includes('.partial-'))
        .map((e) => path.relative(resolved, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
        .filter((key) => key.startsWith(prefix))
        .sort();
    },
    async delete(keys) {
      for (const key of keys) await rm(file(key), { force: true });
    },
  };
}
