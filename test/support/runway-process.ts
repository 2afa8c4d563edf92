import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface RunwayProcess {
  url: string;
  pid: number;
  output: string[];
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

const root = new URL('../../', import.meta.url).pathname;

/** Runs `src/main.ts` as its own process (as `npm start` does) and waits until it listens. */
export async function spawnRunway(env: Record<string, string>): Promise<RunwayProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Runway did not start:\n${output.join('\n')}`)), 60_000);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const port = /"port":(\d+).*Runway is listening/.exec(line)?.[1];
        if (port) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${port}`);
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Runway exited with ${code} before listening:\n${output.join('\n')}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    output,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
