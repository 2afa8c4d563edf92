import { readFileSync } from 'node:fs';

/**
 * Who a process is, beyond its pid: pids are reused (after a container restart the new Runway may
 * get the pid its predecessor had, or every container's first process is pid 1), so a pid alone
 * cannot tell a lock's live owner from a dead one. The start time (in clock ticks since boot, from
 * /proc/<pid>/stat) and the boot id tell them apart; where /proc is missing they are undefined.
 */
export interface ProcessIdentity {
  pid: number;
  start?: string;
  boot?: string;
}

export function processIdentity(pid: number): ProcessIdentity {
  return { pid, start: startTime(pid), boot: readProc('/proc/sys/kernel/random/boot_id')?.trim() };
}

/** Whether `owner` is a live process other than this one, and the same process that wrote it. */
export function isOtherLiveProcess(owner: ProcessIdentity): boolean {
  if (owner.pid === process.pid || !isProcessAlive(owner.pid)) return false;
  const now = processIdentity(owner.pid);
  if (owner.boot !== undefined && now.boot !== undefined && owner.boot !== now.boot) return false;
  if (owner.start !== undefined && now.start !== undefined) return owner.start === now.start;
  // Written without a start time: a pid 1 that is alive is this container's init, not the owner.
  return owner.pid !== 1;
}

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function startTime(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count fields after the last ')'.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields?.[19];
}

function readProc(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // no /proc (macOS), or the process is gone
  }
}
