import { cp, lstat, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Which build: builds are kept per repository, environment and commit. */
export interface BuildRef {
  readonly owner: string;
  readonly repo: string;
  readonly environment: string;
  readonly sha: string;
}

/** How many builds of one repository and environment stay on disk for rollbacks. */
export const keptBuildsPerEnvironment = 10;

export function keptBuildsRoot(workDir: string, ref: Omit<BuildRef, 'sha'>): string {
  return join(workDir, 'frontend-builds', ref.owner, ref.repo, ref.environment);
}

export function keptBuildDir(workDir: string, ref: BuildRef): string {
  return join(keptBuildsRoot(workDir, ref), ref.sha);
}

/** Whether a kept build exists (a rollback needs one). */
export async function hasKeptBuild(workDir: string, ref: BuildRef): Promise<boolean> {
  return stat(keptBuildDir(workDir, ref)).then(
    (s) => s.isDirectory(),
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    },
  );
}

/**
 * Copies a build output into the kept builds; the copy is renamed into place so that a crash never
 * leaves a half-copied build that a rollback would sync. Returns the kept folder.
 */
export async function keepBuild(workDir: string, ref: BuildRef, outputDir: string): Promise<string> {
  const root = keptBuildsRoot(workDir, ref);
  const dest = keptBuildDir(workDir, ref);
  const staging = `${dest}.partial-${process.pid}-${Date.now()}`;
  await mkdir(root, { recursive: true });
  // Regular files and folders only: a link in the output is never followed, copied or uploaded.
  await cp(outputDir, staging, {
    recursive: true,
    preserveTimestamps: false,
    filter: async (src) => {
      const info = await lstat(src);
      return info.isFile() || info.isDirectory();
    },
  });
  await rm(dest, { recursive: true, force: true });
  await rename(staging, dest);
  await pruneKeptBuilds(root, ref.sha);
  return dest;
}

async function pruneKeptBuilds(root: string, current: string): Promise<void> {
  const entries = await readdir(root, { withFileTypes: true });
  const builds = await Promise.all(
    entries
      .filter((e) => e.isDirectory() && !e.name.includes('.partial-') && e.name !== current)
      .map(async (e) => ({ name: e.name, mtime: (await stat(join(root, e.name))).mtimeMs })),
  );
  builds.sort((a, b) => b.mtime - a.mtime);
  for (const old of builds.slice(keptBuildsPerEnvironment - 1)) {
    await rm(join(root, old.name), { recursive: true, force: true });
  }
}
