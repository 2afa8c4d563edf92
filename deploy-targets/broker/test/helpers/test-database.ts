import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runMigrations } from '../../src/migrations/run-migrations.ts';

const SERVER = 'postgres://postgres@127.0.0.1:5432';
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, uniquely named database; `migrate: false` leaves it empty. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `broker_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = `${SERVER}/${name}`;
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // DROP DATABASE ... WITH (FORCE) at teardown terminates connections that a test left checked out
  // (a consumer that "dies" mid-pull); that termination is expected here, not a failure.
  const expectTermination = (error: Error & { code?: string }) => {
    if (error.code !== '57P01') throw error;
  };
  pool.on('error', expectTermination);
  pool.on('connect', (client) => client.on('error', expectTermination));
  if (options.migrate !== false) {
    const result = await runMigrations(pool, MIGRATIONS_DIR);
    if (!result.ok) throw new Error(`test database migration failed: ${result.file}: ${result.message}`);
  }
  return {
    url,
    pool,
    async drop() {
      await pool.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
