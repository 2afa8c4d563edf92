import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Creates PGlite's data directory in a short-lived child process when it does not exist yet.
 * PGlite's initdb grows the WebAssembly memory to ~800 MiB, which a process never gives back;
 * opening a directory that exists takes a fraction of that, so the long-running process only opens.
 */
export async function initEmbeddedDataDir(pgDir: string): Promise<void> {
  if (existsSync(path.join(pgDir, 'PG_VERSION'))) return;
  // Compiled (dist/, `.js`) the child is plain JavaScript; from source it needs tsx too.
  const compiled = import.meta.url.endsWith('.js');
  const child = fork(new URL(`./embedded-initdb-process.${compiled ? 'js' : 'ts'}`, import.meta.url).pathname, [pgDir], {
    execArgv: compiled ? [] : ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`could not create the embedded store in ${pgDir} (initdb exited with ${code})`);
}
