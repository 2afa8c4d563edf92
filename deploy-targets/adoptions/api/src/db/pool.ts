import pg from 'pg';

export type Db = pg.Pool;

export type SslMode = 'disable' | 'require' | 'no-verify';

export type PoolOptions = {
  /** Heroku Postgres needs TLS with its own certificate chain, hence `no-verify` there. */
  ssl?: SslMode;
  max?: number;
  /** An idle connection died (database restart, failover). Without a handler pg would crash the process. */
  onIdleError: (error: Error & { code?: string }) => void;
};

export function createPool(connectionString: string, options: PoolOptions): Db {
  const ssl = options.ssl ?? 'disable';
  const sslOption = ssl === 'disable' ? false : { rejectUnauthorized: ssl === 'require' };
  const pool = new pg.Pool({ connectionString, ssl: sslOption, max: options.max ?? 10 });
  pool.on('error', options.onIdleError);
  return pool;
}

/** Runs `fn` inside one transaction on one client; rolls back when it throws. */
export async function inTransaction<T>(db: Db, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
