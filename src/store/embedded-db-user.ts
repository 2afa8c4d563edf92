import { execFileSync } from 'node:child_process';

/** The unprivileged user that runs the embedded PostgreSQL when Runway is root (PostgreSQL refuses to run as root). */
export const EMBEDDED_DB_USER = 'runway-db';

export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
  /** Whether the server runs as another user than Runway's (then its files are chowned to it). */
  other: boolean;
}

/**
 * Who runs the embedded server: Runway's own user, or `runway-db` when Runway is root. That user is
 * neither root nor the command sandbox's user, so a build can read nothing of the store even if it
 * could see the files. It is created (a system user without login or home) when missing.
 */
export function embeddedServerUser(): ServerUser {
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  if (uid === undefined || gid === undefined) throw new Error('the embedded store needs a POSIX system (Linux or macOS)');
  if (uid !== 0) return { name: String(uid), uid, gid, other: false };
  const found = lookUp(EMBEDDED_DB_USER);
  if (found) return found;
  const useradd = ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', EMBEDDED_DB_USER];
  try {
    execFileSync('useradd', useradd, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    throw new Error(
      `the embedded store runs PostgreSQL as the user ${EMBEDDED_DB_USER}, which does not exist and could not be created` +
        `${stderr ? ` (${stderr})` : ''}: run \`useradd ${useradd.join(' ')}\` as root, or set DATABASE_URL`,
    );
  }
  const created = lookUp(EMBEDDED_DB_USER);
  if (!created) throw new Error(`useradd did not create the user ${EMBEDDED_DB_USER}`);
  return created;
}

function lookUp(name: string): ServerUser | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { name, uid: id('-u'), gid: id('-g'), other: true };
  } catch {
    return undefined; // `id` exits 1 for an unknown user
  }
}
