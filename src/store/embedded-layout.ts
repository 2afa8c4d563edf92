import path from 'node:path';

/**
 * Where the embedded store keeps its parts inside `RUNWAY_DATA_DIR`:
 * - `postgres/`: owned by the server's user, mode 0700; PostgreSQL's Unix socket lives here (no TCP port);
 * - `postgres/data/`: the cluster (PGDATA);
 * - `postgres/server.log`: the server's own messages (warnings and worse);
 * - `postgres.password`: the generated password of the `runway` role, readable by Runway's user only.
 */
export interface EmbeddedLayout {
  dataDir: string;
  root: string;
  cluster: string;
  serverLog: string;
  passwordFile: string;
  /** PGlite's directory from Runway 0.1/0.2, which this engine does not open. */
  pgliteDir: string;
}

/** The `.s.PGSQL.5432` socket path must fit in `sun_path` (108 bytes with its terminating zero). */
const MAX_SOCKET_DIR = 107 - '/.s.PGSQL.5432'.length;

export function embeddedLayout(dataDir: string): EmbeddedLayout {
  const absolute = path.resolve(dataDir);
  const root = path.join(absolute, 'postgres');
  if (Buffer.byteLength(root) > MAX_SOCKET_DIR) {
    throw new Error(
      `RUNWAY_DATA_DIR is too long for the embedded store's socket (${root} is over ${MAX_SOCKET_DIR} bytes): use a shorter path`,
    );
  }
  return {
    dataDir: absolute,
    root,
    cluster: path.join(root, 'data'),
    serverLog: path.join(root, 'server.log'),
    passwordFile: path.join(absolute, 'postgres.password'),
    pgliteDir: path.join(absolute, 'pglite'),
  };
}
