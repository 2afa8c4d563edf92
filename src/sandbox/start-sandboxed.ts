import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
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
  controlPipes(child);
  let slirp: ChildProcess | undefined;
  let cgroup: Cgroup | undefined;
  const started = (async () => {
    const pid = await childPid(child.stdio[infoFd] as Readable);
    // bwrap stopped before making the sandbox: its own message is on stderr.
    if (pid === undefined) return;
    cgroup = cgroupFor(`${child.pid}`, run.limits.memoryBytes);
    cgroup?.add(child.pid!);
    cgroup?.add(pid);
    await loopbackUp(pid);
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
  controlPipes(slirp);
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

/**
 * The info, block, exit and ready descriptors are sockets whose other end closes when bwrap or
 * slirp4netns ends, sometimes with a reset: the process's exit says how it ended, not these.
 */
function controlPipes(child: ChildProcess): void {
  for (const stream of child.stdio.slice(3)) stream?.on('error', () => undefined);
}

/**
 * bwrap reports the child's pid before the child has brought up its loopback; netlink requests
 * from outside meanwhile make that fail ("loopback: Failed RTM_NEWADDR"). An interface that is up
 * has joined the all-hosts group, which the namespace's /proc/net/igmp lists.
 */
async function loopbackUp(pid: number): Promise<void> {
  for (let waited = 0; waited < 5000; waited += 2) {
    const igmp = await readFile(`/proc/${pid}/net/igmp`, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new Error('the sandbox ended during set-up');
      throw error;
    });
    if (/^\d+\s+lo\s/m.test(igmp)) return;
    await sleep(2);
  }
  throw new Error("the sandbox's loopback did not come up within 5 s");
}
