import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface RunwayProcess {
  url: string;
  pid: number;
  /** Every line Runway wrote (pino JSON, the first 10,000), for reports when something goes wrong. */
  output: string[];
  /** `running`, or how the process ended. */
  state(): string;
  /** Sends `signal` and resolves with the exit code (null when a signal ended it). */
  kill(signal: NodeJS.Signals): Promise<number | null>;
  /** SIGTERM, as in production (running jobs finish, the store closes); SIGKILL after 30 s. */
  stop(): Promise<number | null>;
}

const root = new URL('../', import.meta.url).pathname;

/**
 * Runs Runway (`src/main.ts` under tsx, or the compiled `dist/`) as its own process and waits until it listens.
 * `nodeArgs` go before the script (e.g. `--cpu-prof`). Used by tests that kill Runway or run two,
 * and by benchmarks that keep the load generator off Runway's event loop.
 */
export async function spawnRunway(
  env: Record<string, string>,
  nodeArgs: string[] = [],
  options: { entry?: 'source' | 'compiled' } = {},
): Promise<RunwayProcess> {
  // `compiled`: dist/src/main.js, as `npm start` runs it (build it first with scripts/build.ts).
  const entry = options.entry === 'compiled' ? ['dist/src/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  // `info`: the line announcing the port is logged at that level.
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: root,
    // RUNWAY_ENV_FILE: a developer's .env in the checkout must not leak into a test's Runway.
    env: { RUNWAY_ENV_FILE: '/dev/null', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  const running = () => child.exitCode === null && child.signalCode === null;
  const kill = async (signal: NodeJS.Signals) => {
    if (running()) child.kill(signal);
    return exited;
  };
  return {
    url,
    pid: child.pid!,
    output,
    state: () => (running() ? 'running' : `exited (code ${child.exitCode}, signal ${child.signalCode})`),
    kill,
    stop: async () => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await kill('SIGTERM');
      clearTimeout(timer);
      return code;
    },
  };
}
