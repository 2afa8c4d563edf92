import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs a built entry point (`dist/<name>.js`) the way the Procfile does; `npm test` builds first. */
export function runDist(
  name: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = path.join(APP_DIR, 'dist', `${name}.js`);
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` (npm test does)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: APP_DIR, env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
