import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Queryable } from '../store/database.ts';
import { getDeployment } from '../store/deployments-store.ts';
import { isProcessAlive } from '../store/process-identity.ts';
import { finalStates } from './deployment-state.ts';

/** A dry run's checkout older than this was left by a crash (dry runs take seconds). */
const staleDryRunMs = 3600_000;

export interface RemovedWork {
  checkouts: string[];
  partialBuilds: string[];
}

/**
 * Removes what a crash left under `<workDir>`: checkouts of deployments that ended (or are gone),
 * stale dry-run checkouts, and half-copied kept builds (`<sha>.partial-<pid>-<time>`) whose process
 * is gone. Safe with replicas sharing the folder: a deployment still running keeps its checkout,
 * and a partial build of a live process other than this one is left alone.
 */
export async function removeOrphanWork(db: Queryable, workDir: string, now = Date.now()): Promise<RemovedWork> {
  const removed: RemovedWork = { checkouts: [], partialBuilds: [] };
  const checkouts = path.join(workDir, 'checkouts');
  for (const name of await listDir(checkouts)) {
    const dir = path.join(checkouts, name);
    const orphan = /^\d+$/.test(name)
      ? await deploymentEnded(db, Number(name))
      : name.startsWith('dry-run-') && now - (await stat(dir)).mtimeMs > staleDryRunMs;
    if (!orphan) continue;
    await rm(dir, { recursive: true, force: true });
    removed.checkouts.push(dir);
  }
  for (const dir of await partialBuilds(path.join(workDir, 'frontend-builds'))) {
    const pid = Number(/\.partial-(\d+)-/.exec(dir)?.[1]);
    if (pid !== process.pid && isProcessAlive(pid)) continue;
    await rm(dir, { recursive: true, force: true });
    removed.partialBuilds.push(dir);
  }
  return removed;
}

async function deploymentEnded(db: Queryable, id: number): Promise<boolean> {
  const d = await getDeployment(db, id);
  return !d || finalStates.includes(d.state);
}

/** Kept builds live at frontend-builds/<owner>/<repo>/<environment>/<sha>[.partial-…]. */
async function partialBuilds(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const owner of await listDir(root))
    for (const repo of await listDir(path.join(root, owner)))
      for (const env of await listDir(path.join(root, owner, repo)))
        for (const name of await listDir(path.join(root, owner, repo, env)))
          if (name.includes('.partial-')) found.push(path.join(root, owner, repo, env, name));
  return found;
}

async function listDir(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
    throw error;
  });
}
