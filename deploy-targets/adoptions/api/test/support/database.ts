import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPool, type Db } from '../../src/db/pool.ts';

// DROP DATABASE ... WITH (FORCE) terminates connections that pool.end() is still closing.
export const ignoreDropTermination = (error: Error & { code?: string }) => {
  if (error.code !== '57P01') throw error;
};
import { migrate } from '../../src/db/migrate.ts';

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = { name: string; url: string; db: Db; drop(): Promise<void> };

/** A fresh database (migrated unless told not to) named for this test file, dropped (with its connections) by drop(). */
export async function createTestDatabase(label: string, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `adoptions_${label}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  const db = createPool(url, { onIdleError: ignoreDropTermination });
  if (options.migrate !== false) await migrate(db);
  return {
    name,
    url,
    db,
    async drop() {
      await db.end();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
