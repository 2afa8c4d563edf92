import { describe, expect, it } from 'vitest';
import { createPool } from '../src/database.ts';
import { readDatabaseSettings, readSettings } from '../src/settings.ts';

const BASE = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/broker', JWT_SECRET: 'x'.repeat(32) };

describe('DATABASE_SSL', () => {
  it('defaults to plain TCP and accepts what Heroku Postgres needs', () => {
    expect(readSettings(BASE).DATABASE_SSL).toBe('disable');
    expect(readDatabaseSettings({ ...BASE, DATABASE_SSL: 'no-verify' }).DATABASE_SSL).toBe('no-verify');
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => readDatabaseSettings({ ...BASE, DATABASE_SSL: 'yes' })).toThrow(/DATABASE_SSL/);
  });

  it('gives the pool TLS without certificate checks for no-verify, with them for verify-full, none for disable', async () => {
    const cases = [
      ['no-verify', { rejectUnauthorized: false }],
      ['verify-full', { rejectUnauthorized: true }],
      ['disable', false],
    ] as const;
    for (const [mode, ssl] of cases) {
      const pool = createPool({ DATABASE_URL: BASE.DATABASE_URL, DATABASE_SSL: mode });
      expect((pool as unknown as { options: { ssl: unknown } }).options.ssl, mode).toEqual(ssl);
      await pool.end();
    }
  });
});
