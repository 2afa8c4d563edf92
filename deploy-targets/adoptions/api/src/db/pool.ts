import pg from 'pg';

export type Db = pg.Pool;

export type SslMode = 'disable' | 'require' | 'no-verify';

/** Heroku Postgres needs TLS with its own certificate chain, hence `no-verify` there. */
export function createPool(connectionString: string, ssl: SslMode = 'disable', max = 10): Db {
  const sslOption = ssl === 'disable' ? false : { rejectUnauthorized: ssl === 'require' };
  return new pg.Pool({ connectionString, ssl: sslOption, max });
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
