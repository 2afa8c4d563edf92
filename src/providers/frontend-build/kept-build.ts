import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import pLimit from 'p-limit';
import { keptBuildFilesFolder, keptBuildMarkerKey, keptBuildsFolder, type SiteRef } from '../../artifacts/artifact-location.ts';
import type { ArtifactStore } from '../../artifacts/artifact-store.ts';

/** How many builds of one repository and environment are kept for rollbacks. */
export const keptBuildsPerEnvironment = 10;

/** Files read and sent at once when keeping or fetching a build. */
const concurrency = 8;

/**
 * Keeps a build output in the artifact store, so that any replica can roll back to it later without
 * rebuilding. The marker goes last: a build without one (a crash half-way) is never restored, and
 * the next build of the site removes it.
 */
export async function keepBuild(artifacts: ArtifactStore, site: SiteRef, sha: string, outputDir: string): Promise<number> {
  const files = await listFiles(outputDir);
  const folder = keptBuildFilesFolder(site, sha);
  const limit = pLimit(concurrency);
  await Promise.all(files.map((file) => limit(async () => artifacts.put(folder + file, await readFile(join(outputDir, file))))));
  await artifacts.put(
    keptBuildMarkerKey(site, sha),
    JSON.stringify({ sha, keptAt: new Date().toISOString(), files: files.length }),
    'application/json',
  );
  await pruneKeptBuilds(artifacts, site, sha);
  return files.length;
}

/** Whether a whole kept build of `sha` exists (a rollback needs one). */
export async function hasKeptBuild(artifacts: ArtifactStore, site: SiteRef, sha: string): Promise<boolean> {
  return (await artifacts.get(keptBuildMarkerKey(site, sha))) !== undefined;
}

/** One file of a kept build (`index.html` for the smoke check), or undefined. */
export async function keptBuildFile(artifacts: ArtifactStore, site: SiteRef, sha: string, file: string): Promise<Buffer | undefined> {
  return artifacts.get(keptBuildFilesFolder(site, sha) + file);
}

/**
 * Runs `use` with the kept build of `sha` copied into a temporary folder under `workDir`, removed
 * afterwards. Returns `{ ok: false }` when no whole build of that commit is kept.
 */
export async function withKeptBuild<T>(
  artifacts: ArtifactStore,
  request: { site: SiteRef; sha: string; workDir: string },
  use: (dir: string) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reason: 'not-kept' }> {
  const { site, sha, workDir } = request;
  if (!(await hasKeptBuild(artifacts, site, sha))) return { ok: false, reason: 'not-kept' };
  await mkdir(join(workDir, 'kept-builds'), { recursive: true });
  const dir = await mkdtemp(join(workDir, 'kept-builds', `${sha.slice(0, 12)}-`));
  try {
    const folder = keptBuildFilesFolder(site, sha);
    const limit = pLimit(concurrency);
    const keys = await artifacts.list(folder);
    await Promise.all(
      keys.map((key) =>
        limit(async () => {
          const body = await artifacts.get(key);
          if (body === undefined) throw new Error(`kept build of ${sha.slice(0, 7)}: ${key} disappeared while it was read`);
          const target = join(dir, ...key.slice(folder.length).split('/'));
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, body);
        }),
      ),
    );
    return { ok: true, value: await use(dir) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Keeps the newest builds (by the time they were kept) and removes the rest, partial ones included. */
async function pruneKeptBuilds(artifacts: ArtifactStore, site: SiteRef, current: string): Promise<void> {
  const root = keptBuildsFolder(site);
  const keys = await artifacts.list(root);
  const bySha = new Map<string, string[]>();
  for (const key of keys) {
    const sha = key.slice(root.length).split('/')[0]!;
    bySha.set(sha, [...(bySha.get(sha) ?? []), key]);
  }
  const kept: { sha: string; at: string }[] = [];
  const remove: string[] = [];
  for (const [sha, shaKeys] of bySha) {
    if (sha === current) continue;
    const marker = shaKeys.includes(keptBuildMarkerKey(site, sha)) ? await artifacts.get(keptBuildMarkerKey(site, sha)) : undefined;
    // No marker: a build whose upload stopped half-way (one deployment of a site runs at a time).
    if (marker === undefined) remove.push(...shaKeys);
    else kept.push({ sha, at: String((JSON.parse(marker.toString('utf8')) as { keptAt?: unknown }).keptAt ?? '') });
  }
  kept.sort((a, b) => (a.at < b.at ? 1 : -1));
  for (const old of kept.slice(keptBuildsPerEnvironment - 1)) remove.push(...(bySha.get(old.sha) ?? []));
  if (remove.length > 0) await artifacts.delete(remove);
}

/** Every file under `dir`, as `/`-separated paths relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}
