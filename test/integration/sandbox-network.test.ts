import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopLauncher } from '../../src/shell/launcher.ts';
import { runShell } from '../../src/shell/run-shell.ts';
import { testSandbox } from '../support/command-sandbox.ts';

// A stand-in for a private registry: an HTTP server in a network namespace of the test's own,
// reached over a veth pair at 10.213.<n>.2. The sandbox reaches it only when the allow list opens it.
const n = 1 + Math.floor(Math.random() * 250);
const netns = `rwtest-${process.pid}`;
const [hostIf, nsIf] = [`rwh${process.pid}`.slice(0, 15), `rwn${process.pid}`.slice(0, 15)];
const registry = `10.213.${n}.2`;
const range = `10.213.${n}.0/30`;
const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

let netnsError: string | undefined;
let server: ChildProcess | undefined;
let dir: string;
let checkout: string;

async function fetchRegistry(allowed: readonly string[], network: 'open' | 'none') {
  const lines: string[] = [];
  const sandbox = testSandbox(dir);
  const result = await runShell({
    command: `bash -c 'exec 3<>/dev/tcp/${registry}/8080 && printf "GET / HTTP/1.0\\r\\n\\r\\n" >&3 && cat <&3'`,
    cwd: checkout,
    env: { PATH: '/usr/bin:/bin' },
    timeoutMs: 20_000,
    signal: new AbortController().signal,
    onLine: (line) => lines.push(line),
    sandbox: { use: sandbox, repository: 'acme/private-deps', checkout, network, allowedNetworks: allowed },
  });
  return { exitCode: result.exitCode, output: lines.join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sandbox-network-'));
  checkout = path.join(dir, 'work', 'checkout');
  await mkdir(checkout, { recursive: true });
  try {
    ip('netns', 'add', netns);
    ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf);
    ip('link', 'set', nsIf, 'netns', netns);
    ip('addr', 'add', `10.213.${n}.1/30`, 'dev', hostIf);
    ip('link', 'set', hostIf, 'up');
    ip('-n', netns, 'addr', 'add', `${registry}/30`, 'dev', nsIf);
    ip('-n', netns, 'link', 'set', nsIf, 'up');
    ip('-n', netns, 'link', 'set', 'lo', 'up');
  } catch (error) {
    netnsError = `cannot make a network namespace here: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`;
    return;
  }
  const script = `require('http').createServer((q, s) => s.end('registry-stand-in\\n')).listen(8080, '${registry}', () => console.log('listening'))`;
  server = spawn('ip', ['netns', 'exec', netns, process.execPath, '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => server!.stdout!.once('data', () => resolve()));
}, 30_000);

afterAll(async () => {
  server?.kill();
  stopLauncher();
  if (!netnsError) {
    ip('link', 'del', hostIf);
    ip('netns', 'del', netns);
  }
  await rm(dir, { recursive: true, force: true });
});

describe("the sandbox's network", () => {
  it('reaches a private address that the allow list opens', async (ctx) => {
    if (netnsError) ctx.skip(netnsError);
    const r = await fetchRegistry([range], 'open');
    expect(r.output).toContain('registry-stand-in');
    expect(r.exitCode).toBe(0);
  });

  it('cannot reach it without the allow list, nor with network: none', async (ctx) => {
    if (netnsError) ctx.skip(netnsError);
    for (const [allowed, network] of [
      [[], 'open'],
      [[range], 'none'],
    ] as const) {
      const r = await fetchRegistry(allowed, network);
      expect(r.output).not.toContain('registry-stand-in');
      expect(r.output).toMatch(/No route to host|Network is unreachable/);
      expect(r.exitCode).not.toBe(0);
    }
  });

  it('resolves names and reaches the public registry', async (ctx) => {
    const host = await lookup('registry.npmjs.org').catch(() => undefined);
    if (!host) ctx.skip('this machine cannot resolve registry.npmjs.org itself');
    const lines: string[] = [];
    const result = await runShell({
      command: 'npm view is-number@7.0.0 version --prefer-online',
      cwd: checkout,
      env: { PATH: '/usr/bin:/bin' },
      timeoutMs: 60_000,
      signal: new AbortController().signal,
      onLine: (line) => lines.push(line),
      sandbox: { use: testSandbox(dir), repository: 'acme/public-deps', checkout, network: 'open' },
    });
    expect(lines).toContain('7.0.0');
    expect(result.exitCode).toBe(0);
  });
});
