/**
 * Everything the launcher needs to start one command in the sandbox. Runway builds it (paths,
 * routes, limits); the launcher, which knows nothing of Runway's settings, only carries it out.
 * Nothing in it is secret: it travels over the launcher's IPC channel and into bwrap's argv.
 */
export interface SandboxRun {
  /** The unprivileged user the sandbox runs as. */
  readonly uid: number;
  readonly gid: number;
  /** The one writable folder (the repository's checkout), mounted at the same path. */
  readonly checkout: string;
  /** HOME inside the sandbox: a tmpfs of its own. */
  readonly home: string;
  /** The repository's own npm cache on the host, mounted at `$HOME/.npm`. */
  readonly npmCache: string;
  /** A resolv.conf naming slirp4netns' DNS forwarder (the host's resolver may be a private address). */
  readonly resolvConf: string;
  readonly network: 'open' | 'none';
  /** `ip -batch` lines for the sandbox's network namespace (unreachable ranges, allowed ones). */
  readonly routes: readonly string[];
  readonly limits: SandboxLimits;
}

export interface SandboxLimits {
  /** Size of the /tmp and HOME tmpfs each. */
  readonly tmpBytes: number;
  /** RLIMIT_NPROC of the sandbox user. */
  readonly processes: number;
  /** Memory of the command's cgroup, when the machine lets Runway make one. */
  readonly memoryBytes: number;
}

export const sandboxHome = '/home/runway';
