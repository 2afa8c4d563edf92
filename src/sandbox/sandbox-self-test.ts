import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withOwnLauncher } from '../shell/launcher.ts';
import type { PreparedRun, SandboxRequest } from './command-sandbox.ts';
import { ownAddresses } from './network-routes.ts';

/** Each probe prints `escaped: …` only when the sandbox let it through. */
function script(hidden: string, addresses: readonly string[], ports: readonly number[]): string {
  const connects = addresses.flatMap((a) => ports.map((p) => `try "connected to ${a}:${p}" timeout 5 bash -c 'echo > /dev/tcp/${a}/${p}'`));
  return [
    'try() { what=$1; shift; if "$@" >/dev/null 2>&1; then echo "escaped: $what"; fi; }',
    'try "remounted / read-write" mount -o remount,rw /',
    `try "read ${hidden}" cat ${hidden}`,
    ...connects,
    'echo self-test-done',
  ].join('\n');
}

/**
 * The start-up proof that the sandbox holds on this machine: one sandboxed command (with the
 * network open, as builds have it) tries to remount /, to read a file beside its checkout and to
 * connect to Runway's ports on loopback and on each of the host's addresses.
 */
export async function runSelfTest(input: {
  dir: string;
  ports: readonly number[];
  build: (request: SandboxRequest) => Promise<PreparedRun>;
}): Promise<{ ok: true } | { ok: false; reason: string }> {
  const checkout = path.join(input.dir, 'checkout');
  const hidden = path.join(input.dir, 'hidden');
  await mkdir(checkout, { recursive: true });
  await writeFile(hidden, 'not for the sandbox\n');
  await writeFile(path.join(checkout, 'self-test.sh'), script(hidden, ['127.0.0.1', ...ownAddresses()], input.ports));
  const prepared = await input.build({ repository: 'runway/self-test', checkout, network: 'open' });
  if (!prepared.ok) return prepared;
  if (!prepared.run) return { ok: true };
  const lines: string[] = [];
  const env = prepared.env({ PATH: '/usr/bin:/bin' });
  // A launcher of its own, gone once the test has run: an idle Runway keeps no launcher process.
  const exit = await withOwnLauncher(
    (own) => own.run({ command: 'bash ./self-test.sh', cwd: checkout, env, sandbox: prepared.run }, (line) => lines.push(line)).exit,
  ).catch((error: Error) => ({ code: null, signal: null, error }));
  const escaped = lines.filter((l) => l.startsWith('escaped: '));
  if (escaped.length > 0) return { ok: false, reason: `a sandboxed command ${escaped.map((l) => l.slice(9)).join(', ')}` };
  if (exit.code !== 0 || !lines.includes('self-test-done')) {
    const why = 'error' in exit ? exit.error.message : (lines.at(-1) ?? `exit code ${exit.code}`);
    const hint = /Can't find source path .*Permission denied/.test(why)
      ? `; the sandbox user must be able to search every folder above RUNWAY_DATA_DIR and RUNWAY_SANDBOX_DIR (chmod o+x)`
      : '';
    return { ok: false, reason: `a sandboxed command could not run: ${why}${hint}` };
  }
  return { ok: true };
}
