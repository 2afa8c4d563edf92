import { readdirSync, readFileSync } from 'node:fs';

/**
 * Host pids whose command line holds `marker`. A sandboxed command sees its own PID namespace, so
 * a test finds what it started by a marker in its arguments (e.g. `sleep 120.4321`).
 */
export function hostProcessesWith(marker: string): number[] {
  return readdirSync('/proc').flatMap((name) => {
    if (!/^\d+$/.test(name)) return [];
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      return args.includes(marker) ? [Number(name)] : [];
    } catch {
      return []; // ended while we looked
    }
  });
}
