import { execFileSync } from 'node:child_process';
import { chmod, chown, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chownTree } from './chown-tree.ts';
import { parseAllowedNetworks, sandboxRoutes } from './network-routes.ts';
import { sandboxHome, type SandboxLimits, type SandboxRun } from './sandbox-run.ts';
import { runSelfTest } from './sandbox-self-test.ts';

export interface SandboxSettings {
  readonly mode: 'on' | 'off';
  /** The unprivileged user commands run as (scripts/setup-system.sh creates it). */
  readonly user: string;
  /** Runway's data folder: the folders from it down to a checkout are made searchable for the user. */
  readonly dataDir: string;
  /** The sandbox's own folder: per-repository npm caches, resolv.conf, the self-test's files. */
  readonly dir: string;
  readonly limits?: Partial<SandboxLimits>;
}

export interface SandboxRequest {
  /** `owner/repo`: picks the npm cache and the policy's allowed networks. */
  readonly repository: string;
  /** The checkout: the one place the command may write. */
  readonly checkout: string;
  readonly network: 'open' | 'none';
  /** Private CIDRs the operator's policy opens to this repository (never the host's loopback); default none. */
  readonly allowedNetworks?: readonly string[];
}

export type SandboxState = { state: 'unchecked' } | { state: 'ready' } | { state: 'off' } | { state: 'broken'; reason: string };

export type PreparedRun =
  | { ok: true; run: SandboxRun; env: (env: Record<string, string>) => Record<string, string> }
  | { ok: true; run: undefined; notice: string }
  | { ok: false; reason: string };

export const defaultLimits: SandboxLimits = { tmpBytes: 512 << 20, processes: 1024, memoryBytes: 2048 << 20 };

/**
 * Runway's side of the command sandbox: checks at start that it holds (`selfTest`), and turns a
 * command's repository and checkout into the SandboxRun the launcher carries out. Commands are
 * refused while the sandbox is not proven to work, unless the operator turned it off.
 */
export class CommandSandbox {
  #state: SandboxState;
  readonly #settings: SandboxSettings;
  readonly #limits: SandboxLimits;
  #user: { uid: number; gid: number } | undefined;
  #checking: Promise<SandboxState> | undefined;

  constructor(settings: SandboxSettings) {
    this.#settings = settings;
    this.#limits = { ...defaultLimits, ...settings.limits };
    this.#state = settings.mode === 'off' ? { state: 'off' } : { state: 'unchecked' };
  }

  get state(): SandboxState {
    return this.#state;
  }

  /**
   * Proves the sandbox works: a command in it tries to remount /, to read a file outside its
   * checkout and to connect to `ports` on this machine; each must fail. Commands wait for this.
   */
  selfTest(ports: readonly number[]): Promise<SandboxState> {
    this.#checking = this.#selfTest(ports).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      return (this.#state = { state: 'broken', reason: `self-test: ${reason}` });
    });
    return this.#checking;
  }

  async #selfTest(ports: readonly number[]): Promise<SandboxState> {
    if (this.#settings.mode === 'off') return this.#state;
    const user = this.#resolveUser();
    if (!user.ok) return (this.#state = { state: 'broken', reason: user.reason });
    // Several Runways (tests, replicas) may share the sandbox folder: each tests in its own.
    const dir = path.join(this.#settings.dir, `self-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
    const result = await runSelfTest({ dir, ports, build: (r) => this.#build(r) }).finally(() => rm(dir, { recursive: true, force: true }));
    this.#state = result.ok ? { state: 'ready' } : { state: 'broken', reason: result.reason };
    return this.#state;
  }

  /** What the launcher needs to run one command, or why it may not run. */
  async prepare(request: SandboxRequest): Promise<PreparedRun> {
    // A command that arrives while the self-test runs (at start-up) waits for its verdict.
    await this.#checking;
    switch (this.#state.state) {
      case 'off':
        return { ok: true, run: undefined, notice: 'warning: RUNWAY_SANDBOX=off: this command runs without the sandbox' };
      case 'unchecked':
        return { ok: false, reason: 'the command sandbox has not passed its self-test yet' };
      case 'broken':
        return { ok: false, reason: `the command sandbox does not work (${this.#state.reason}); commands are refused` };
      case 'ready':
        return this.#build(request);
    }
  }

  async #build(request: SandboxRequest): Promise<PreparedRun> {
    const user = this.#user!;
    const allowed = parseAllowedNetworks(request.allowedNetworks ?? []);
    if (!allowed.ok) return { ok: false, reason: `the policy's network list for ${request.repository}: ${allowed.reason}` };
    const [owner, repo, ...rest] = request.repository.split('/');
    if (!owner || !repo || rest.length > 0 || [owner, repo].some((n) => n === '.' || n === '..'))
      return { ok: false, reason: `"${request.repository}" is not owner/repo` };
    const npmCache = path.join(this.#settings.dir, 'npm-cache', owner.toLowerCase(), repo.toLowerCase());
    const resolvConf = path.join(this.#settings.dir, 'resolv.conf');
    await mkdir(npmCache, { recursive: true });
    await chown(npmCache, user.uid, user.gid);
    // slirp4netns forwards DNS at 10.0.2.3; the host's own resolver may sit at a blocked address.
    await writeFile(resolvConf, 'nameserver 10.0.2.3\n', { mode: 0o644 });
    await chownTree(request.checkout, user.uid, user.gid);
    for (const target of [request.checkout, npmCache, resolvConf]) await this.#searchable(path.dirname(target));
    const run: SandboxRun = {
      ...user,
      checkout: request.checkout,
      home: sandboxHome,
      npmCache,
      resolvConf,
      network: request.network,
      routes: request.network === 'open' ? sandboxRoutes(allowed.cidrs) : [],
      limits: this.#limits,
    };
    return { ok: true, run, env: sandboxEnv };
  }

  /** bwrap mounts as the sandbox user, who must be able to walk to each folder it mounts. */
  async #searchable(dir: string): Promise<void> {
    const top = [this.#settings.dataDir, this.#settings.dir]
      .map((d) => path.resolve(d))
      .find((t) => dir === t || dir.startsWith(`${t}${path.sep}`));
    if (top === undefined) return;
    for (let d = path.resolve(dir); d === top || d.startsWith(`${top}${path.sep}`); d = path.dirname(d)) {
      const mode = (await stat(d)).mode;
      if ((mode & 0o001) === 0) await chmod(d, (mode & 0o7777) | 0o001);
    }
  }

  #resolveUser(): { ok: true } | { ok: false; reason: string } {
    if (process.getuid?.() !== 0) return { ok: false, reason: 'Runway is not root, so it cannot start commands as the sandbox user' };
    try {
      const id = (flag: string) => Number(execFileSync('id', [flag, this.#settings.user], { encoding: 'utf8' }).trim());
      this.#user = { uid: id('-u'), gid: id('-g') };
      return { ok: true };
    } catch {
      return { ok: false, reason: `user ${this.#settings.user} does not exist (scripts/setup-system.sh creates it)` };
    }
  }
}

/** The command's environment inside: its own HOME and /tmp, and npm's cache where it is mounted. */
function sandboxEnv(env: Record<string, string>): Record<string, string> {
  const { npm_config_cache: _hostCache, ...rest } = env;
  return { ...rest, HOME: sandboxHome, TMPDIR: '/tmp' };
}
