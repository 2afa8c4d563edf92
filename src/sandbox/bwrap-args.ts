import { existsSync, lstatSync } from 'node:fs';
import type { SandboxRun } from './sandbox-run.ts';

/** The few files of /etc that builds read: name resolution, users, certificates, alternatives. */
const etcFiles = [
  '/etc/hosts',
  '/etc/nsswitch.conf',
  '/etc/passwd',
  '/etc/group',
  '/etc/ssl',
  '/etc/ca-certificates',
  '/etc/alternatives',
  '/etc/localtime',
];

/** File descriptors bwrap gets from the launcher (closed by bwrap before the command starts). */
export const infoFd = 3;
export const blockFd = 4;

/**
 * bwrap's arguments for one command: new namespaces of every kind (user, mount, PID, network, IPC,
 * UTS, cgroup), no capabilities, a new session, read-only system folders, the checkout as the only
 * writable place. bwrap waits on `blockFd` until the launcher has set up the network.
 */
export function bwrapArgs(run: SandboxRun, cwd: string, command: string): string[] {
  const args = ['--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session', '--cap-drop', 'ALL'];
  args.push('--ro-bind', '/usr', '/usr');
  // Merged-/usr systems link these into /usr; older ones have real folders.
  for (const dir of ['/bin', '/sbin', '/lib', '/lib32', '/lib64']) {
    if (!existsSync(dir)) continue;
    const stat = lstatSync(dir);
    if (stat.isSymbolicLink()) args.push('--symlink', `usr${dir}`, dir);
    else args.push('--ro-bind', dir, dir);
  }
  args.push('--proc', '/proc', '--dev', '/dev');
  args.push('--size', String(run.limits.tmpBytes), '--tmpfs', '/tmp');
  args.push('--size', String(run.limits.tmpBytes), '--tmpfs', run.home);
  for (const file of etcFiles) args.push('--ro-bind-try', file, file);
  args.push('--ro-bind', run.resolvConf, '/etc/resolv.conf');
  args.push('--bind', run.npmCache, `${run.home}/.npm`);
  args.push('--bind', run.checkout, run.checkout);
  // The root is bwrap's own tmpfs (nothing of the host), read-only once the mounts are in place.
  args.push('--remount-ro', '/', '--chdir', cwd);
  args.push('--info-fd', String(infoFd), '--block-fd', String(blockFd));
  args.push('--', '/bin/sh', '-c', command);
  return args;
}
