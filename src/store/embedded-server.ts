import { spawn } from 'node:child_process';
import { readOptionalText } from './read-optional-text.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { EmbeddedBinaries } from './embedded-binaries.ts';
import type { ServerUser } from './embedded-db-user.ts';
import { EMBEDDED_ROLE, SERVER_ENV } from './embedded-initdb.ts';
import type { EmbeddedLayout } from './embedded-layout.ts';
import { isStoreStarting } from './open-store-when-up.ts';
import { isProcessAlive } from './process-identity.ts';

export interface EmbeddedServer {
  /** What node-postgres needs to connect over the Unix socket. */
  connection: pg.PoolConfig;
  /** Fast shutdown (open transactions roll back), waiting until the server has exited. */
  stop(): Promise<void>;
}

/**
 * Small and quiet: a few connections, 16 MB of shared buffers, no TCP port, no replication, no I/O
 * worker processes. Durability is PostgreSQL's default (fsync at commit).
 */
const SETTINGS = {
  listen_addresses: '',
  unix_socket_permissions: '0700',
  max_connections: '20',
  shared_buffers: '16MB',
  io_method: 'sync',
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_logical_replication_workers: '0',
  max_worker_processes: '2',
  huge_pages: 'off',
  log_min_messages: 'warning',
  log_checkpoints: 'off',
};

/**
 * Runs PostgreSQL under a small shell that stops it (fast shutdown) when Runway closes the shell's
 * stdin: on `stop()`, and also when Runway dies, even by SIGKILL, because the pipe then closes.
 * The server is in a process group of its own, so a Ctrl-C meant for Runway does not stop the
 * store under the jobs Runway is still finishing.
 */
const WATCHDOG = `log="$1"; shift
exec 3<&0
"$@" </dev/null >/dev/null 2>>"$log" &
server=$!
{ read -r _ <&3; kill -INT "$server" 2>/dev/null; } &
watch=$!
wait "$server"; status=$?
kill "$watch" 2>/dev/null
exit "$status"`;

const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export async function startEmbeddedServer(
  layout: EmbeddedLayout,
  user: ServerUser,
  binaries: EmbeddedBinaries,
  password: string,
): Promise<EmbeddedServer> {
  await stopLeftoverServer(layout, binaries);
  const flags = Object.entries(SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const args = [layout.serverLog, binaries.postgres, '-D', layout.cluster, '-k', layout.root, ...flags];
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'runway-embedded-postgres', ...args], {
    uid: user.uid,
    gid: user.gid,
    env: SERVER_ENV,
    cwd: layout.root,
    detached: true,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  // The pipe to the shell breaks if it died; its exit is what tells.
  child.stdin!.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const connection: pg.PoolConfig = { host: layout.root, user: EMBEDDED_ROLE, password, database: 'postgres' };

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin!.end('stop\n');
    const timer = setTimeout(() => killGroup(child.pid!), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const failure = await Promise.race([waitUntilReady(connection), exited.then((code) => `exited with ${code}`)]);
  if (failure !== undefined) {
    await stop();
    const log = await readFile(layout.serverLog, 'utf8').catch(() => '');
    const last = [...stderr.join('').split('\n'), ...log.split('\n')].filter((l) => /FATAL|ERROR|error|denied/.test(l)).at(-1);
    throw new Error(`the embedded PostgreSQL in ${layout.cluster} did not start (${failure})${last ? `: ${last.trim()}` : ''}`);
  }
  return { connection, stop };
}

/** Connects until the server answers; undefined when it does, else why it never did. */
async function waitUntilReady(connection: pg.PoolConfig): Promise<string | undefined> {
  const started = Date.now();
  for (;;) {
    const client = new pg.Client(connection);
    try {
      await client.connect();
      await client.end();
      return undefined;
    } catch (error) {
      await client.end().catch(() => undefined);
      // Not there yet (no socket file, refused) or still starting (57P03): anything else is an answer.
      const noSocketYet = (error as { code?: string }).code === 'ENOENT';
      if (!noSocketYet && !isStoreStarting(error)) return (error as Error).message;
      if (Date.now() - started > READY_TIMEOUT_MS) return `no answer within ${READY_TIMEOUT_MS / 1000} s`;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * A server that outlived the Runway that started it (its shell was killed with it) still holds the
 * cluster; Runway holds the data-directory lock now, so it is a leftover and is shut down. Only a
 * live process running this cluster with these binaries is signalled, never a reused pid.
 */
async function stopLeftoverServer(layout: EmbeddedLayout, binaries: EmbeddedBinaries): Promise<void> {
  const pid = Number(readOptionalText(path.join(layout.cluster, 'postmaster.pid'))?.split('\n')[0]);
  if (!isProcessAlive(pid)) return;
  const argv = readOptionalText(`/proc/${pid}/cmdline`)?.split('\0') ?? [];
  if (argv[0] !== binaries.postgres || !argv.includes(layout.cluster)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isProcessAlive(pid)) process.kill(pid, 'SIGQUIT');
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
