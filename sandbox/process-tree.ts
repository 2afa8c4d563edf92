import { readdir, readFile } from 'node:fs/promises';
import { rssMiB } from '../bench/support/rss.ts';

/** A process and all its descendants (Linux: /proc/<pid>/task/<tid>/children). */
export async function processTree(pid: number): Promise<number[]> {
  const found = [pid];
  for (let i = 0; i < found.length; i++) {
    const tasks = await readdir(`/proc/${found[i]}/task`).catch(() => []);
    for (const tid of tasks) {
      const children = await readFile(`/proc/${found[i]}/task/${tid}/children`, 'utf8').catch(() => '');
      found.push(...children.split(/\s+/).filter(Boolean).map(Number));
    }
  }
  return found;
}

/** Each process of the tree under `pid` with its command line and RSS in MiB. */
export async function treeRss(pid: number): Promise<{ pid: number; command: string; rss: number }[]> {
  const rows = [];
  for (const p of await processTree(pid)) {
    const cmdline = await readFile(`/proc/${p}/cmdline`, 'utf8').catch(() => '');
    const rss = await rssMiB(p).catch(() => NaN);
    if (!Number.isNaN(rss)) rows.push({ pid: p, command: cmdline.split('\0').filter(Boolean).join(' '), rss });
  }
  return rows;
}
