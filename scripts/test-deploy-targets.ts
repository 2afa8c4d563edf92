import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Runs the tests of every app under deploy-targets/ (each a self-contained package, as Heroku and
 * S3 receive it), installing its dependencies with `npm ci` first when its lock file changed since
 * the last install. Part of `npm test`.
 */
const root = path.resolve('deploy-targets');
const packages = findPackages(root);
const failed: string[] = [];
for (const dir of packages) {
  const name = path.relative(process.cwd(), dir);
  const lock = readFileSync(path.join(dir, 'package-lock.json'));
  const stamp = path.join(dir, 'node_modules', '.runway-lock-hash');
  const hash = createHash('sha256').update(lock).digest('hex');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
    process.stdout.write(`\n▶ ${name}: npm ci\n`);
    if (!run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], dir)) {
      failed.push(`${name} (npm ci)`);
      continue;
    }
    writeFileSync(stamp, hash);
  }
  process.stdout.write(`\n▶ ${name}: npm test\n`);
  if (!run('npm', ['test'], dir)) failed.push(name);
}
process.stdout.write(
  `\ndeploy targets: ${packages.length - failed.length} of ${packages.length} packages passed${failed.length ? `; failed: ${failed.join(', ')}` : ''}\n`,
);
process.exit(failed.length === 0 ? 0 : 1);

function findPackages(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name === 'dist') continue;
    const sub = path.join(dir, entry.name);
    const pkg = path.join(sub, 'package.json');
    if (existsSync(pkg) && existsSync(path.join(sub, 'package-lock.json')) && JSON.parse(readFileSync(pkg, 'utf8')).scripts?.test)
      found.push(sub);
    else found.push(...findPackages(sub));
  }
  return found.sort();
}

function run(command: string, args: string[], cwd: string): boolean {
  const { CI, PATH, HOME, LANG, TMPDIR, TEST_ADMIN_DATABASE_URL } = process.env;
  const env = Object.fromEntries(
    Object.entries({ CI, PATH, HOME, LANG, TMPDIR, TEST_ADMIN_DATABASE_URL }).filter(([, v]) => v !== undefined),
  );
  return spawnSync(command, args, { cwd, stdio: 'inherit', env }).status === 0;
}
