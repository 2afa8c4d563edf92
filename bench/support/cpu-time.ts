import { readFile } from 'node:fs/promises';
import { processTree } from '../../sandbox/process-tree.ts';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, ms) used so far by a process tree: each process's own time and that of
 * its children it has reaped (finished commands, ended PostgreSQL connections). A difference of two
 * readings is the CPU a phase cost, which a loaded machine does not inflate as it does latencies.
 */
export async function treeCpuMs(pid: number): Promise<number> {
  let ticks = 0;
  for (const p of await processTree(pid)) {
    const stat = await readFile(`/proc/${p}/stat`, 'utf8').catch(() => '');
    // Fields after "pid (comm) ": state is the 1st, utime the 12th, stime 13th, cutime 14th, cstime 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    for (const i of [11, 12, 13, 14]) ticks += Number(fields[i] ?? 0) || 0;
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** CPU time (user + system, ms) used so far by one process itself, without its children. */
export async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
