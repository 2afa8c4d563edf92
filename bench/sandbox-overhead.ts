/**
 * What the command sandbox adds to one command: `true` run N times through runShell (the launcher),
 * without the sandbox (RUNWAY_SANDBOX=off), in it with `network: none`, and with `network: open`
 * (slirp4netns and routes), and the start-up self-test. Prints the median and p90 per mode, and any
 * run that failed.
 *
 *   npx tsx bench/sandbox-overhead.ts [--runs 20]
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CommandSandbox } from '../src/sandbox/command-sandbox.ts';
import { stopLauncher } from '../src/shell/launcher.ts';
import { runShell } from '../src/shell/run-shell.ts';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 20;
const dir = await mkdtemp(path.join(tmpdir(), 'sandbox-bench-'));
const checkout = path.join(dir, 'work', 'checkout');
await mkdir(checkout, { recursive: true });

async function measure(label: string, sandbox: CommandSandbox, network: 'open' | 'none'): Promise<void> {
  const times: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < runs; i++) {
    const lines: string[] = [];
    const started = performance.now();
    const result = await runShell({
      command: 'true',
      cwd: checkout,
      env: { PATH: '/usr/bin:/bin' },
      timeoutMs: 30_000,
      signal: new AbortController().signal,
      onLine: (line) => lines.push(line),
      sandbox: { use: sandbox, repository: 'bench/sandbox', checkout, network },
    });
    times.push(performance.now() - started);
    if (result.exitCode !== 0) failures.push(`exit ${result.exitCode}: ${lines.join(' | ')}`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`${label.padEnd(28)} median ${at(0.5).padStart(6)} ms   p90 ${at(0.9).padStart(6)} ms   failed ${failures.length}/${runs}`);
  for (const f of failures) console.log(`  ${f}`);
}

const settings = { user: 'runway-sandbox', dataDir: dir, dir: path.join(dir, 'sandbox') };
const off = new CommandSandbox({ ...settings, mode: 'off' });
const on = new CommandSandbox({ ...settings, mode: 'on' });
const selfTests: number[] = [];
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  const verdict = await on.selfTest([]);
  selfTests.push(performance.now() - started);
  if (verdict.state !== 'ready') throw new Error(`the sandbox does not work here: ${JSON.stringify(verdict)}`);
}
selfTests.sort((a, b) => a - b);
console.log(`start-up self-test (once per Runway start), median of 5: ${selfTests[2]!.toFixed(1)} ms`);
console.log(`\`true\`, ${runs} runs each, through the launcher:`);
await measure('RUNWAY_SANDBOX=off', off, 'open');
await measure('sandbox, network: none', on, 'none');
await measure('sandbox, network: open', on, 'open');
stopLauncher();
await rm(dir, { recursive: true, force: true });
