import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandSandbox } from '../../src/sandbox/command-sandbox.ts';
import { treeRss } from '../../sandbox/process-tree.ts';
import { holdLauncher, stopLauncher } from '../../src/shell/launcher.ts';
import { runShell, STOPPED_LINE } from '../../src/shell/run-shell.ts';
import { testSandbox } from '../support/command-sandbox.ts';
import { hostProcessesWith } from '../support/host-processes.ts';

const env = { PATH: '/usr/bin:/bin' };
const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};
const marker = () => `${100 + Math.floor(Math.random() * 800)}.${Math.floor(Math.random() * 1e6)}`;

let dir: string;
let checkout: string;
let sandbox: CommandSandbox;
const run = (command: string, more: Partial<Parameters<typeof runShell>[0]> = {}) => {
  const lines: string[] = [];
  const result = runShell({
    command,
    cwd: checkout,
    env,
    timeoutMs: 20_000,
    signal: new AbortController().signal,
    onLine: (l) => lines.push(l),
    sandbox: { use: sandbox, repository: 'acme/shell', checkout, network: 'none' },
    ...more,
  });
  return { lines, result };
};

describe('runShell (through the command launcher, in the sandbox)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'run-shell-'));
    checkout = path.join(dir, 'work', 'checkout');
    await mkdir(checkout, { recursive: true });
    sandbox = testSandbox(dir);
    expect(await sandbox.selfTest([])).toEqual({ state: 'ready' });
  });
  afterAll(async () => {
    stopLauncher();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams each line of stdout and stderr and reports the exit code', async () => {
    const { lines, result } = run('echo one; echo two >&2; printf three; exit 3');
    const r = await result;
    expect(r).toMatchObject({ exitCode: 3, signal: null, stoppedBy: undefined });
    expect(lines.sort()).toEqual(['one', 'three', 'two']);
    expect(r.lastLines).toHaveLength(3);
  });

  it('gives the command only the environment it is handed, with its own HOME', async () => {
    const { lines, result } = run('echo "[$HOME][$ONLY][$npm_config_cache]"', {
      env: { ...env, ONLY: 'this', npm_config_cache: '/root/.npm' },
    });
    await result;
    expect(lines).toEqual(['[/home/runway][this][]']);
  });

  it('passes on only stdin, stdout and stderr', async () => {
    const { lines, result } = run('cd /proc/self/fd && echo *');
    expect((await result).exitCode).toBe(0);
    // The fourth is the directory `echo *` itself reads.
    expect(lines).toEqual(['0 1 2 3']);
  });

  it('refuses commands when the sandbox does not work, naming why; runs them with a warning when it is off', async () => {
    const broken = testSandbox(dir, { user: 'no-such-sandbox-user' });
    expect(await broken.selfTest([])).toEqual({
      state: 'broken',
      reason: 'user no-such-sandbox-user does not exist (scripts/setup-system.sh creates it)',
    });
    await expect(run('echo ran', { sandbox: { use: broken, repository: 'acme/shell', checkout, network: 'none' } }).result).rejects.toThrow(
      'the command sandbox does not work (user no-such-sandbox-user does not exist (scripts/setup-system.sh creates it)); commands are refused',
    );
    const off = run('echo ran', {
      sandbox: { use: testSandbox(dir, { mode: 'off' }), repository: 'acme/shell', checkout, network: 'none' },
    });
    expect((await off.result).exitCode).toBe(0);
    expect(off.lines).toEqual(['warning: RUNWAY_SANDBOX=off: this command runs without the sandbox', 'ran']);
  });

  it('stops everything on timeout and on abort, setsid children too', async () => {
    const [a, b] = [marker(), marker()];
    const timed = run(`setsid sleep ${a} & sleep ${a}`, { timeoutMs: 500 });
    expect((await timed.result).stoppedBy).toBe('timeout');
    expect(timed.lines).toEqual([`${STOPPED_LINE} (its timeout)`]);
    const controller = new AbortController();
    const { result, lines } = run(`setsid sleep ${b} & echo started; wait`, { signal: controller.signal });
    // `started` may come before setsid has started sleep.
    await until(() => hostProcessesWith(b).length === 1);
    controller.abort();
    expect((await result).stoppedBy).toBe('abort');
    expect(lines).toEqual(['started', `${STOPPED_LINE} (the deployment was stopped)`]);
    await until(() => hostProcessesWith(a).length + hostProcessesWith(b).length === 0);
  });

  it('leaves nothing running when the command ends, even a setsid child', async () => {
    const m = marker();
    const { result } = run(`setsid sleep ${m} & echo left`);
    expect((await result).exitCode).toBe(0);
    await until(() => hostProcessesWith(m).length === 0);
  });

  it('stops the shared launcher after a while without a command, and starts another for the next one', async () => {
    holdLauncher({ idleStopMs: 500 });
    const launchers = async () => (await treeRss(process.pid)).filter((p) => p.command.includes('launcher-process')).map((p) => p.pid);
    expect((await run('echo one').result).exitCode).toBe(0);
    const [first, ...others] = await launchers();
    expect(others).toEqual([]);
    const end = Date.now() + 10_000;
    while ((await launchers()).length > 0) {
      if (Date.now() > end) throw new Error('the idle launcher did not stop');
      await new Promise((r) => setTimeout(r, 50));
    }
    const again = run('echo two');
    expect((await again.result).exitCode).toBe(0);
    expect(again.lines).toEqual(['two']);
    const [second] = await launchers();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it('kills the commands of a Runway process that was killed', async () => {
    const m = marker();
    const child = spawn(process.execPath, ['--import', 'tsx', 'fixtures/scripts/run-then-wait.ts'], {
      env: { ...process.env, SLEEP_MARKER: m },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => createInterface({ input: child.stdout! }).on('line', (l) => l === 'started' && resolve()));
    await until(() => hostProcessesWith(m).length === 1);
    child.kill('SIGKILL');
    await until(() => hostProcessesWith(m).length === 0);
  });
});
