import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { createScratchDatabase } from '../../sandbox/scratch-database.ts';

const exec = promisify(execFile);

/**
 * Restores a `pg_dump -Fc` backup with `pg_restore` into a scratch database, runs `sql` there and
 * returns its rows; the scratch database is dropped afterwards.
 */
export async function queryRestoredBackup<T extends object>(dumpFile: string, sql: string): Promise<T[]> {
  const scratch = await createScratchDatabase('runway_restore');
  try {
    await exec('pg_restore', ['--no-owner', '--exit-on-error', '-d', scratch.url, dumpFile]);
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  } finally {
    await scratch.drop();
  }
}
