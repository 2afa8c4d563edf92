import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run build`: compiles src/ to dist/ (tsconfig.build.json) and copies the store's SQL
 * migrations beside their compiled reader. `--if-stale` (npm's prestart) builds only when the
 * sources differ from the ones dist/ was built from, so `npm ci && npm start` always runs current code.
 * Staleness is a hash of the inputs' contents, not their times: checkouts and copies reset mtimes.
 */
const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const stampFile = path.join(dist, '.source-hash');

function inputFiles(): string[] {
  const files = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else files.push(rel);
    }
  };
  walk('src');
  return files.sort();
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of inputFiles())
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(root, file)))
      .update('\0');
  return hash.digest('hex');
}

function readStamp(): string | undefined {
  try {
    return readFileSync(stampFile, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const wanted = sourceHash();
if (process.argv.includes('--if-stale') && readStamp() === wanted) process.exit(0);

process.stderr.write('Building dist/ (tsc -p tsconfig.build.json)…\n');
rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) {
  process.stderr.write('Build failed: see the TypeScript errors above.\n');
  process.exit(tsc.status ?? 1);
}
const migrations = path.join('src', 'store', 'migrations');
mkdirSync(path.join(dist, migrations), { recursive: true });
for (const file of readdirSync(path.join(root, migrations)).filter((f) => f.endsWith('.sql'))) {
  copyFileSync(path.join(root, migrations, file), path.join(dist, migrations, file));
}
// What /healthz names as the running commit where there is no git checkout (a Heroku slug):
// Heroku gives builds the commit as SOURCE_VERSION; a checkout's HEAD otherwise.
const headCommit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' });
const commit = process.env.SOURCE_VERSION ?? (headCommit.status === 0 ? headCommit.stdout.trim() : undefined);
writeFileSync(
  path.join(dist, 'build-info.json'),
  `${JSON.stringify({ commit: commit && /^[0-9a-f]{40}$/.test(commit) ? commit : null })}\n`,
);
writeFileSync(stampFile, `${wanted}\n`);
