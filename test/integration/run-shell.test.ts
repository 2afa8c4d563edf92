import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { stopLauncher } from '../../src/shell/launcher.ts';
import { runShell } from '../../src/shell/run-shell.ts';

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('runShell (through the command launcher)', () => {
  afterAll(() => stopLauncher());

  it('streams each line of stdout and stderr and reports the exit code', async () => {
    const lines: string[] = [];
    const r = await runShell({
      command: 'echo one; echo two >&2; printf three; exit 3',
      cwd: '/tmp',
      env,
      timeoutMs: 10_000,
      signal: new AbortController().signal,
      onLine: (l) => lines.push(l),
    });
    expect(r).toMatchObject({ exitCode: 3, signal: null, stoppedBy: undefined });
    expect(lines.sort()).toEqual(['one', 'three', 'two']);
    expect(r.lastLines).toHaveLength(3);
  });

  it('gives the command only the environment it is handed', async () => {
    const lines: string[] = [];
    await runShell({
      command: 'echo "[$HOME][$ONLY]"',
      cwd: '/tmp',
      env: { ...env, ONLY: 'this' },
      timeoutMs: 10_000,
      signal: new AbortController().signal,
      onLine: (l) => lines.push(l),
    });
    expect(lines).toEqual(['[][this]']);
  });

  it('stops the whole process group on timeout, and on abort', async () => {
    const pids: number[] = [];
    const onLine = (l: string) => pids.push(Number(l.split(' ')[1]));
    const timedOut = await runShell({
      command: 'sleep 60 & echo "pid $!"; wait',
      cwd: '/tmp',
      env,
      timeoutMs: 500,
      signal: new AbortController().signal,
      onLine,
    });
    expect(timedOut.stoppedBy).toBe('timeout');
    const controller = new AbortController();
    const aborted = runShell({
      command: 'sleep 60 & echo "pid $!"; wait',
      cwd: '/tmp',
      env,
      timeoutMs: 60_000,
      signal: controller.signal,
      onLine,
    });
    await until(() => pids.length === 2);
    controller.abort();
    expect((await aborted).stoppedBy).toBe('abort');
    await until(() => pids.every((pid) => !alive(pid)));
  });

  it('kills the commands of a Runway process that was killed', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'fixtures/scripts/run-then-wait.ts'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve) =>
      createInterface({ input: child.stdout! }).on('line', (l) => l.startsWith('pid ') && resolve(Number(l.slice(4)))),
    );
    expect(alive(pid)).toBe(true);
    child.kill('SIGKILL');
    await until(() => !alive(pid));
  });
});
