import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Hard-links a tree (fast, no copy of the bytes); copies when the two folders are on different devices. */
async function linkTree(from: string, to: string): Promise<void> {
  try {
    await exec('cp', ['-al', from, to]);
  } catch (error) {
    await rm(to, { recursive: true, force: true });
    if (!String((error as Error).message).includes('link')) throw error;
    await exec('cp', ['-a', from, to]);
  }
}

/** `node_modules` folders kept by package-lock.json hash, so a repeated lock installs nothing. */
export class NpmCache {
  constructor(private readonly dir: string) {}

  async lockHash(appDir: string): Promise<string> {
    return createHash('sha256')
      .update(await readFile(join(appDir, 'package-lock.json')))
      .digest('hex');
  }

  /** Puts the cached node_modules into `appDir`; false when the lock has not been installed before. */
  async restore(hash: string, appDir: string): Promise<boolean> {
    const entry = join(this.dir, hash);
    if (!(await exists(join(entry, 'complete')))) return false;
    if (await exists(join(entry, 'node_modules'))) await linkTree(join(entry, 'node_modules'), join(appDir, 'node_modules'));
    return true;
  }

  /** Keeps `appDir/node_modules` for the next build of the same lock (another build may race us: first wins). */
  async save(hash: string, appDir: string): Promise<void> {
    const entry = join(this.dir, hash);
    if (await exists(join(entry, 'complete'))) return;
    const staging = join(this.dir, `.staging-${hash}-${randomBytes(4).toString('hex')}`);
    await mkdir(staging, { recursive: true });
    if (await exists(join(appDir, 'node_modules'))) await linkTree(join(appDir, 'node_modules'), join(staging, 'node_modules'));
    await mkdir(join(staging, 'complete'));
    try {
      await rm(entry, { recursive: true, force: true });
      await rename(staging, entry);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      if (!(await exists(join(entry, 'complete')))) throw error;
    }
  }
}
