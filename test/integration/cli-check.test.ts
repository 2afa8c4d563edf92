import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

/**
 * Runs the CLI's bin; `viaNpx` as the docs tell people to (`npx --no-install runway`, which finds the
 * checkout's own bin), otherwise the same file through node, which is quicker.
 */
async function runway(args: string[], viaNpx = false): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const [command, first] = viaNpx ? ['npx', ['--no-install', 'runway']] : [process.execPath, ['bin/runway.js']];
    const { stdout, stderr } = await run(command, [...first, ...args], { cwd: root, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('runway check', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'runway-cli-check-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes this repository own .github/deploy.yml (the default file) with exit code 0', async () => {
    const result = await runway(['check'], true);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^\.github\/deploy\.yml: valid \(\d+ environments: cargo-express-production, /);
  });

  it('names file, line, column and field of a mistake, as a deployment would, with exit code 1', async () => {
    const file = path.join(dir, 'deploy.yml');
    await writeFile(
      file,
      ['environments:', '  production:', '    colour: blue', '    backend:', '      provider: heroku', '      app: BAD NAME', ''].join(
        '\n',
      ),
    );
    const result = await runway(['check', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${file}:3:5 environments.production: unknown field "colour"`);
    expect(result.stderr).toMatch(new RegExp(`${file}:6:12 environments\\.production\\.backend\\.app: `));
  });

  it('reports a file that is not YAML at the line where it breaks, with exit code 1', async () => {
    const file = path.join(dir, 'not-yaml.yml');
    await writeFile(file, 'environments:\n  production: [unclosed\n  other: {\n');
    const result = await runway(['check', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^${file}:\\d+:\\d+ `));
  });

  it('says when the file cannot be read (exit code 2) and when the arguments are wrong (exit code 2)', async () => {
    const missing = await runway(['check', path.join(dir, 'nope.yml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yml: cannot read it (no such file)');
    const wrong = await runway(['chek']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('unknown command or arguments "chek"');
  });
});
