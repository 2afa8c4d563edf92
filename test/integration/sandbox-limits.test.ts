import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLimitAvailable } from '../../src/sandbox/cgroup.ts';
import type { SandboxLimits } from '../../src/sandbox/sandbox-run.ts';
import { stopLauncher } from '../../src/shell/launcher.ts';
import { runShell } from '../../src/shell/run-shell.ts';
import { testSandbox } from '../support/command-sandbox.ts';

let dir: string;
let checkout: string;

async function runLimited(command: string, limits: Partial<SandboxLimits>) {
  const lines: string[] = [];
  const result = await runShell({
    command,
    cwd: checkout,
    env: { PATH: '/usr/bin:/bin' },
    timeoutMs: 60_000,
    signal: new AbortController().signal,
    onLine: (line) => lines.push(line),
    sandbox: { use: testSandbox(dir, { limits }), repository: 'acme/greedy', checkout, network: 'none' },
  });
  return { ...result, output: lines.join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sandbox-limits-'));
  checkout = path.join(dir, 'work', 'checkout');
  await mkdir(checkout, { recursive: true });
});
afterAll(async () => {
  stopLauncher();
  await rm(dir, { recursive: true, force: true });
});

describe('sandbox limits', () => {
  it('bounds /tmp', async () => {
    const r = await runLimited('dd if=/dev/zero of=/tmp/fill bs=1M count=64 2>&1; echo "exit $?"', { tmpBytes: 16 << 20 });
    expect(r.output).toMatch(/No space left on device/);
    expect(r.output).toMatch(/exit 1/);
  });

  it('bounds the number of processes', async () => {
    const r = await runLimited('for i in $(seq 1 60); do sleep 2 & done 2>&1; wait; echo done', { processes: 20 });
    expect(r.output).toMatch(/Cannot fork|Resource temporarily unavailable|cannot fork/i);
  });

  it('bounds memory: a command that takes more is killed, not Runway', async (ctx) => {
    if (!memoryLimitAvailable()) ctx.skip('no writable cgroup tree on this machine: memory is not bounded (docs/security.md)');
    const r = await runLimited(`node -e "const a = []; for (;;) a.push(Buffer.alloc(16 << 20, 1))"`, { memoryBytes: 128 << 20 });
    expect(r.signal ?? r.exitCode).not.toBe(0);
    expect(r.exitCode === 137 || r.signal === 'SIGKILL' || /out of memory|Killed/i.test(r.output)).toBe(true);
  });
});
