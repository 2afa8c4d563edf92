import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const skipped = new Set(['node_modules', 'dist', '.git', '.cache', 'data']);

/** A folder's text files as `{ 'prefix/relative/path': content }`, for committing into the fake GitHub. */
export async function readTree(dir: string, prefix = ''): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const key = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, await readTree(full, key));
    else if (entry.isFile()) files[key] = await readFile(full, 'utf8');
  }
  return files;
}
