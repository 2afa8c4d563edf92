import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export interface RunwayChild {
  url: string;
  pid: number;
  /** Every line Runway wrote (pino JSON), for the report when something goes wrong. */
  output: string[];
  /** `running`, or how the process ended. */
  state(): string;
  stop(): Promise<number | null>;
}

const root = new URL('../../', import.meta.url).pathname;

/**
 * Runs `src/main.ts` as its own process, as `npm start` does, and waits until it listens.
 * `nodeArgs` go before the script (e.g. `--cpu-prof`).
 */
export async function startRunwayChild(env: Record<string, string>, nodeArgs: string[] = []): Promise<RunwayChild> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Runway did not start within 60 s:\n${output.slice(-20).join('\n')}`)), 60_000);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (output.length < 10_000) output.push(line);
        const port = /"port":(\d+).*Runway is listening/.exec(line)?.[1];
        if (port) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${port}`);
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Runway exited with ${code} before listening:\n${output.slice(-20).join('\n')}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    output,
    state: () => (child.exitCode === null && child.signalCode === null ? 'running' : `exited (code ${child.exitCode}, signal ${child.signalCode})`),
    stop: async () => {
      // SIGTERM: Runway finishes running jobs and closes the store (PGlite flushes), as in production.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Resident set size of a process in MiB, from /proc/<pid>/status (Linux). */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}
