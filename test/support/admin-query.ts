import pg from 'pg';
import { ADMIN_DATABASE_URL } from '../../sandbox/scratch-database.ts';

/** One query as the local PostgreSQL's admin (to see databases and roles the sandbox made). */
export async function adminQuery<T extends object>(sql: string, params: unknown[] = []): Promise<{ rows: T[] }> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return { rows: (await client.query<T>(sql, params)).rows };
  } finally {
    await client.end();
  }
}
