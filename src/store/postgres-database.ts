import pg from 'pg';
import type { Database } from './database.ts';

/** A PostgreSQL server shared by any number of Runway replicas (a URL), or the embedded one (its socket). */
export async function openPostgresDatabase(server: string | pg.PoolConfig, options: { max?: number } = {}): Promise<Database> {
  const config: pg.PoolConfig = typeof server === 'string' ? { connectionString: server } : server;
  const pool = new pg.Pool({ ...config, max: options.max ?? 10 });
  // An idle client that loses its connection emits 'error'; without a listener the process dies.
  pool.on('error', () => undefined);
  const client = await pool.connect(); // fail fast, with the server's own message, when unreachable
  client.release();
  const kept = new Set<Database>();
  const db = poolDatabase(pool, async () => {
    await Promise.all([...kept].map((k) => k.close()));
    await pool.end();
  });
  return {
    ...db,
    keptOpen: async (size) => {
      // Never closed while idle: a burst finds them connected (a new connection, above all to the
      // embedded server with its password exchange, took tens of milliseconds of a burst's answers).
      const own = new pg.Pool({ ...config, max: size, idleTimeoutMillis: 0 });
      own.on('error', () => undefined);
      const clients = await Promise.all(Array.from({ length: size }, () => own.connect()));
      for (const c of clients) c.release();
      const keptDb: Database = poolDatabase(own, async () => {
        kept.delete(keptDb);
        await own.end();
      });
      kept.add(keptDb);
      return keptDb;
    },
  };
}

function poolDatabase(pool: pg.Pool, close: () => Promise<void>): Database {
  return {
    engine: 'postgres',
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    // Without parameters node-postgres uses the simple query protocol, which runs several statements.
    exec: async (sql) => void (await pool.query(sql)),
    transaction: async (fn) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const result = await fn({
          query: async (sql, params) => (await c.query(sql, params)).rows,
          exec: async (sql) => void (await c.query(sql)),
        });
        await c.query('COMMIT');
        return result;
      } catch (error) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        c.release();
      }
    },
    keptOpen: () => Promise.reject(new Error('a kept-open pool of connections cannot open another')),
    close,
  };
}
