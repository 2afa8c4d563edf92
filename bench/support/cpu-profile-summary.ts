/**
 * Reads the `.cpuprofile` files node --cpu-prof wrote and says where the time went: self time by
 * package (node_modules/<name>, node: internals, Runway's src/) and the hottest functions.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
/** What node --cpu-prof writes and the inspector's Profiler.stop answers. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function bucket(url: string): string {
  if (!url) return '(native / gc / idle)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return 'node internals';
  const src = /\/(src|sandbox)\/([^/]+)/.exec(url);
  if (src) return `${src[1]}/${src[2]}`;
  return url.replace(/^file:\/\//, '');
}

export async function summariseProfiles(dir: string, top = 15): Promise<string> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return `no CPU profile in ${dir}`;
  const profiles = await Promise.all(files.map(async (file) => JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile));
  return summariseProfile(profiles, 'CPU profile of the Runway process', top);
}

/** Self time by package and the hottest functions of the profiles, under `title`. */
export function summariseProfile(profiles: CpuProfile[], title: string, top = 15): string {
  const byBucket = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = nodes.get(id)!;
      const us = profile.timeDeltas[i] ?? 0;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)' || functionName === '(program)') return;
      total += us;
      const b = functionName === '(garbage collector)' ? '(garbage collector)' : bucket(url);
      byBucket.set(b, (byBucket.get(b) ?? 0) + us);
      const f = `${functionName || '(anonymous)'} ${url ? `${bucket(url)}:${lineNumber + 1}` : ''}`;
      byFunction.set(f, (byFunction.get(f) ?? 0) + us);
    });
  }
  const lines = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `    ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  return [
    `  ${title}: ${(total / 1000).toFixed(0)} ms busy (idle excluded)`,
    '  self time by package:',
    ...lines(byBucket),
    '  hottest functions (self time):',
    ...lines(byFunction),
  ].join('\n');
}
