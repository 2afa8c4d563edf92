import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** What is running: shown to the operator on `/healthz`. */
export interface BuildInfo {
  version: string;
  /** The git commit of the checkout Runway runs from, when it runs from one. */
  commit?: string;
}

/** The folder of Runway's package.json: two up from the sources, three up when compiled to dist/src/. */
export function packageRoot(): URL {
  for (let dir = new URL('./', import.meta.url); ; dir = new URL('../', dir)) {
    if (existsSync(new URL('package.json', dir))) return dir;
    if (dir.pathname === '/') throw new Error(`no package.json above ${import.meta.url}`);
  }
}

/** Read once at start-up (the git call is cheap while the process is small). */
export function readBuildInfo(): BuildInfo {
  const root = packageRoot();
  const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5_000,
    }).trim();
  } catch {
    // Not a git checkout (a packaged install): the version alone says what runs.
    commit = undefined;
  }
  return { version, commit: commit && /^[0-9a-f]{40}$/.test(commit) ? commit : undefined };
}
