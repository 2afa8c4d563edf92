import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { EmbeddedBinaries } from './embedded-binaries.ts';
import type { ServerUser } from './embedded-db-user.ts';
import type { EmbeddedLayout } from './embedded-layout.ts';

/** The role Runway connects as; a superuser of its own cluster. */
export const EMBEDDED_ROLE = 'runway';

/**
 * Prepares the embedded store's folders and, on the first start, creates the cluster with initdb
 * (a short-lived process: its memory is given back when it exits). The cluster is made under a
 * temporary name and renamed when complete, so a start interrupted here starts over instead of
 * finding half a cluster. Returns the `runway` role's password, generated on the first start.
 */
export async function initEmbeddedCluster(layout: EmbeddedLayout, user: ServerUser, binaries: EmbeddedBinaries): Promise<string> {
  await mkdir(layout.root, { recursive: true, mode: 0o700 });
  if (user.other) {
    await chown(layout.root, user.uid, user.gid);
    // The server's user walks through the data directory to its own folder (x only: it lists nothing).
    const mode = (await stat(layout.dataDir)).mode & 0o7777;
    if ((mode & 0o001) === 0) await chmod(layout.dataDir, mode | 0o001);
  }
  await chmod(layout.root, 0o700);
  const password = await readOrCreatePassword(layout.passwordFile);
  if (existsSync(path.join(layout.cluster, 'PG_VERSION'))) return password;

  const fresh = `${layout.cluster}.new`;
  const pwfile = path.join(layout.root, 'initdb.pw');
  await rm(fresh, { recursive: true, force: true });
  await writeFile(pwfile, password, { mode: 0o600 });
  if (user.other) await chown(pwfile, user.uid, user.gid);
  try {
    await promisify(execFile)(
      binaries.initdb,
      [
        `--pgdata=${fresh}`,
        `--username=${EMBEDDED_ROLE}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
      ],
      { uid: user.uid, gid: user.gid, env: SERVER_ENV, cwd: layout.root, maxBuffer: 4 * 1024 * 1024 },
    );
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').at(-1);
    throw new Error(`could not create the embedded store in ${layout.cluster}${stderr ? `: ${stderr}` : ''}`);
  } finally {
    await rm(pwfile, { force: true });
  }
  await rename(fresh, layout.cluster);
  return password;
}

/** What PostgreSQL's programs see of the environment: nothing of Runway's settings or secrets. */
export const SERVER_ENV: Readonly<Record<string, string>> = { PATH: '/usr/bin:/bin', LC_ALL: 'C' };

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const password = randomBytes(24).toString('hex');
  const temp = `${file}.${process.pid}`;
  await writeFile(temp, `${password}\n`, { mode: 0o600 });
  await rename(temp, file);
  return password;
}
