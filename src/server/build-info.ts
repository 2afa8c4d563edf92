import { execFileSync } from 'node:child_process';
import { readOptionalText } from '../store/read-optional-text.ts';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
    const [top, head] = execFileSync('git', ['rev-parse', '--show-toplevel', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5_000,
    })
      .trim()
      .split('\n');
    // Only Runway's own checkout counts, not a repository that happens to contain its folder.
    commit = top && realpathSync(top) === realpathSync(fileURLToPath(root)) ? head : undefined;
  } catch {
    // Not a git checkout (a packaged install, a Heroku slug): the commit recorded at build time, if any.
    commit = undefined;
  }
  commit ??= builtCommit(root);
  return { version, commit: commit && /^[0-9a-f]{40}$/.test(commit) ? commit : undefined };
}

/** The commit scripts/build.ts recorded in dist/ (Heroku's SOURCE_VERSION), for a slug without git. */
function builtCommit(root: URL): string | undefined {
  const text = readOptionalText(new URL('dist/build-info.json', root));
  if (text === undefined) return undefined;
  const { commit } = JSON.parse(text) as { commit?: string | null };
  return commit ?? undefined;
}
