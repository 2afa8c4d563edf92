import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.ts';
import type { Database, Queryable } from './database.ts';
import { initEmbeddedDataDir } from './embedded-initdb.ts';

/** PostgreSQL in WebAssembly (PGlite), in `dir`: no server to run, one process at a time. */
export async function openEmbeddedDatabase(dir: string): Promise<Database> {
  const unlock = lockDataDir(dir);
  let pg: PGlite;
  try {
    await initEmbeddedDataDir(path.join(dir, 'pglite'));
    pg = await PGlite.create(path.join(dir, 'pglite'));
  } catch (error) {
    unlock();
    throw error;
  }
  const query = async <Row>(q: { query: PGlite['query'] }, sql: string, params?: unknown[]): Promise<Row[]> =>
    (await q.query<Row>(sql, params)).rows;
  return {
    engine: 'embedded',
    query: (sql, params) => query(pg, sql, params),
    exec: async (sql) => void (await pg.exec(sql)),
    transaction: (fn) =>
      pg.transaction((tx) =>
        fn({ query: (sql, params) => query(tx, sql, params), exec: async (sql) => void (await tx.exec(sql)) } satisfies Queryable),
      ),
    close: async () => {
      await pg.close();
      unlock();
    },
  };
}
