import pg from 'pg';
import type { Settings } from './settings.ts';

export type Database = pg.Pool;

/** One pool per process; Heroku Postgres wants TLS without verifying its private CA (DATABASE_SSL=no-verify). */
export function createDatabase(settings: Pick<Settings, 'DATABASE_URL' | 'DATABASE_SSL'>): Database {
  const ssl =
    settings.DATABASE_SSL === 'disable'
      ? false
      : { rejectUnauthorized: settings.DATABASE_SSL === 'verify-full' };
  return new pg.Pool({ connectionString: settings.DATABASE_URL, ssl, max: 10 });
}
