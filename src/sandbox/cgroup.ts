import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Cgroup {
  add(pid: number): void;
  remove(): void;
}

const root = '/sys/fs/cgroup';

/**
 * A memory cgroup for one sandboxed command (cgroup v2, or v1's memory controller), so that a build
 * that eats memory meets its own limit instead of the OOM killer choosing Runway. `undefined` when
 * the machine gives Runway no writable cgroup tree; the self-test reports that at start.
 */
export function cgroupFor(id: string, memoryBytes: number): Cgroup | undefined {
  const v2 = existsSync(join(root, 'cgroup.controllers')) && readFileSync(join(root, 'cgroup.controllers'), 'utf8').includes('memory');
  const base = v2 ? join(root, 'runway-sandbox') : join(root, 'memory', 'runway-sandbox');
  const dir = join(base, id);
  try {
    sweepStale(base);
    if (v2 && !existsSync(base)) {
      mkdirSync(base);
      writeFileSync(join(root, 'cgroup.subtree_control'), '+memory');
      writeFileSync(join(base, 'cgroup.subtree_control'), '+memory');
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, v2 ? 'memory.max' : 'memory.limit_in_bytes'), String(memoryBytes));
  } catch {
    // No cgroup tree Runway may write (a container without delegation): no memory limit.
    return undefined;
  }
  return {
    add: (pid) => writeFileSync(join(dir, 'cgroup.procs'), String(pid)),
    remove: () => removeWhenEmpty(dir, 5),
  };
}

/** The kernel frees a cgroup only once its last process is reaped, a moment after the exit we saw. */
function removeWhenEmpty(dir: string, attempts: number): void {
  try {
    rmdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' && attempts > 0) setTimeout(() => removeWhenEmpty(dir, attempts - 1), 200).unref();
  }
}

/**
 * Cgroups are named for the pid of the bwrap that ran in them; one whose bwrap is gone and that
 * could not be removed at the end (its processes were still being reaped, or the launcher stopped
 * first) is removed by the next command.
 */
function sweepStale(base: string): void {
  if (!existsSync(base)) return;
  for (const name of readdirSync(base)) {
    if (!/^\d+$/.test(name) || isRunning(Number(name))) continue;
    try {
      rmdirSync(join(base, name));
    } catch {
      // Still busy, or another launcher removed it first: the next sweep tries again.
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a memory limit can be set here (for the self-test's report). */
export function memoryLimitAvailable(): boolean {
  const probe = cgroupFor(`probe-${process.pid}`, 1 << 30);
  probe?.remove();
  return probe !== undefined;
}
