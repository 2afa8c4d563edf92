import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { SandboxDatabase } from './platform-state.ts';

/** The plans the sandbox's heroku-postgresql add-on accepts (Heroku's current ones). */
export const POSTGRES_PLANS = ['essential-0', 'essential-1', 'essential-2', 'standard-0', 'premium-0'] as const;

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * A database of its own per app on the local PostgreSQL, as the heroku-postgresql add-on gives:
 * owned by a login role of its own that is not a superuser, so one app's DATABASE_URL cannot reach
 * another app's data (or drop it). The role's password is in the URL, as on Heroku.
 */
export async function createAppDatabase(adminUrl: string, appName: string, plan = 'essential-0'): Promise<SandboxDatabase> {
  const suffix = randomBytes(4).toString('hex');
  const name = `heroku_${appName
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${suffix}`;
  const role = `u_${name}`;
  const password = randomBytes(18).toString('hex');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`);
    await client.query(`CREATE DATABASE ${quoteIdent(name)} OWNER ${quoteIdent(role)}`);
    // A new database lets PUBLIC connect: only its owner (and the admin) may.
    await client.query(`REVOKE ALL ON DATABASE ${quoteIdent(name)} FROM PUBLIC`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.username = role;
  url.password = password;
  url.pathname = `/${name}`;
  return {
    name,
    role,
    url: url.toString(),
    plan: `heroku-postgresql:${plan}`,
    addonId: randomUUID(),
    addonName: `postgresql-${appName.slice(0, 20)}-${randomBytes(3).toString('hex')}`,
  };
}

/** Drops each database and then its role (connections still open are ended, as Heroku does on destroy). */
export async function dropAppDatabases(adminUrl: string, databases: Pick<SandboxDatabase, 'name' | 'role'>[]): Promise<void> {
  if (databases.length === 0) return;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const db of databases) {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(db.name)} WITH (FORCE)`);
      await client.query(`DROP ROLE IF EXISTS ${quoteIdent(db.role)}`);
    }
  } finally {
    await client.end();
  }
}
