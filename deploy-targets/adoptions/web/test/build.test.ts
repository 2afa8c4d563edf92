import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const webDir = fileURLToPath(new URL('..', import.meta.url));
let outDir: string | undefined;
afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

it('bakes VITE_API_URL into the static bundle', async () => {
  outDir = await mkdtemp(join(tmpdir(), 'adoptions-web-'));
  await run(join(webDir, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: webDir,
    env: { ...process.env, VITE_API_URL: 'https://adoptions-api-test.example.net' },
  });
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const script = /src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script).toBeDefined();
  const js = await readFile(join(outDir, script!), 'utf8');
  expect(js).toContain('https://adoptions-api-test.example.net');
  expect(js).not.toContain('localhost:3000');
  expect((await readdir(join(outDir, 'assets'))).some((f) => f.endsWith('.css'))).toBe(true);
}, 120_000);
