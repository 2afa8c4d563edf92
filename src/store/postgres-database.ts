import pg from 'pg';
import type { Database } from './database.ts';

/** A PostgreSQL server shared by any number of Runway replicas (a URL), or the embedded one (its socket). */
export async function openPostgresDatabase(server: string | pg.PoolConfig, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ ...(typeof server === 'string' ? { connectionString: server } : server), max: options.max ?? 10 });
  // An idle client that loses its connection emits 'error'; without a listener the process dies.
  pool.on('error', () => undefined);
  const client = await pool.connect(); // fail fast, with the server's own message, when unreachable
  client.release();
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
    close: () => pool.end(),
  };
}
