import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { blockFd, bwrapArgs, infoFd } from './bwrap-args.ts';
import { cgroupFor, type Cgroup } from './cgroup.ts';
import type { SandboxRun } from './sandbox-run.ts';

export interface Sandboxed {
  readonly child: ChildProcess;
  /** Set up, then the command released; rejects (after killing bwrap) when set-up failed. */
  readonly started: Promise<void>;
  /** Stops slirp4netns and removes the cgroup; call when the child has exited. */
  cleanup(): void;
}

/**
 * Starts `command` in a bubblewrap sandbox as the sandbox user: bwrap (under prlimit, for the
 * process count) reports its child's pid on the info fd and waits on the block fd; meanwhile the
 * launcher (root) puts the child in a cgroup, gives its network namespace a slirp4netns link and
 * routes, then lets the command start.
 */
export function startSandboxed(run: SandboxRun, command: string, cwd: string, env: Record<string, string>): Sandboxed {
  const child = spawn('prlimit', [`--nproc=${run.limits.processes}`, '--core=0', '--', 'bwrap', ...bwrapArgs(run, cwd, command)], {
    uid: run.uid,
    gid: run.gid,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let slirp: ChildProcess | undefined;
  let cgroup: Cgroup | undefined;
  const started = (async () => {
    const pid = await childPid(child.stdio[infoFd] as Readable);
    // bwrap stopped before making the sandbox: its own message is on stderr.
    if (pid === undefined) return;
    cgroup = cgroupFor(`${child.pid}`, run.limits.memoryBytes);
    cgroup?.add(child.pid!);
    cgroup?.add(pid);
    if (run.network === 'open') slirp = await startSlirp(pid);
    await applyRoutes(pid, run.routes);
    (child.stdio[blockFd] as Writable).end('1');
  })().catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`sandbox set-up failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  return {
    child,
    started,
    cleanup: () => {
      slirp?.stdio[3]?.destroy();
      slirp?.kill('SIGTERM');
      cgroup?.remove();
    },
  };
}

function childPid(info: Readable): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    let text = '';
    info.setEncoding('utf8');
    info.on('data', (chunk: string) => (text += chunk));
    info.once('error', reject);
    info.once('close', () => {
      if (text.trim() === '') return resolve(undefined);
      resolve((JSON.parse(text) as { 'child-pid': number })['child-pid']);
    });
  });
}

/** slirp4netns joins the namespace by path (as root it must not join the sandbox's user namespace). */
async function startSlirp(pid: number): Promise<ChildProcess> {
  const slirp = spawn(
    'slirp4netns',
    [
      '--configure',
      '--mtu=65520',
      '--disable-host-loopback',
      '--exit-fd=3',
      '--ready-fd=4',
      '--netns-type=path',
      `/proc/${pid}/ns/net`,
      'tap0',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  slirp.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    (slirp.stdio[4] as Readable).once('data', () => resolve());
    slirp.once('error', reject);
    slirp.once('exit', (code) => reject(new Error(`slirp4netns exited (${code}): ${stderr.trim().split('\n').at(-1) ?? ''}`)));
  });
  slirp.removeAllListeners('exit');
  return slirp;
}

/** Root enters only the network namespace (entering the user namespace would cost it its capabilities). */
async function applyRoutes(pid: number, routes: readonly string[]): Promise<void> {
  if (routes.length === 0) return;
  const ip = spawn('nsenter', [`--target=${pid}`, '--net', 'ip', '-batch', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  ip.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  ip.stdin!.end(`${routes.join('\n')}\n`);
  const code = await new Promise<number | null>((resolve, reject) => {
    ip.once('error', reject);
    ip.once('close', resolve);
  });
  if (code !== 0) throw new Error(`routes: ${stderr.trim()}`);
}
