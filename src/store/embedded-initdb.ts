import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

/** The child's whole program: create the data directory given as its argument, then exit. */
const initdb = `require(process.argv[1]).PGlite.create(process.argv[2])
  .then((pg) => pg.close())
  .then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });`;

/**
 * Creates PGlite's data directory in a short-lived child process when it does not exist yet.
 * PGlite's initdb grows the WebAssembly memory to ~800 MiB, which a process never gives back;
 * opening a directory that exists takes a fraction of that, so the long-running process only opens.
 * The child is plain node running PGlite's CommonJS build: no tsx, the same from source or dist/.
 */
export async function initEmbeddedDataDir(pgDir: string): Promise<void> {
  if (existsSync(path.join(pgDir, 'PG_VERSION'))) return;
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  try {
    await promisify(execFile)(process.execPath, ['-e', initdb, pglite, pgDir], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').at(-1);
    throw new Error(`could not create the embedded store in ${pgDir}${stderr ? `: ${stderr}` : ''}`);
  }
}
