import pg from 'pg';
import type { DatabaseSettings } from './settings.ts';

/** A pool for the server, migrate and seed alike; Heroku Postgres wants TLS without verifying its private CA (DATABASE_SSL=no-verify). */
export function createPool(settings: DatabaseSettings, options: { max?: number } = {}): pg.Pool {
  const ssl = settings.DATABASE_SSL === 'disable' ? false : { rejectUnauthorized: settings.DATABASE_SSL === 'verify-full' };
  return new pg.Pool({ connectionString: settings.DATABASE_URL, ssl, max: options.max ?? 10 });
}
