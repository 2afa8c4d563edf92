import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { SandboxDatabase } from './platform-state.ts';

/** A database of its own per app on the local PostgreSQL, as the heroku-postgresql add-on gives. */
export async function createAppDatabase(adminUrl: string, appName: string): Promise<SandboxDatabase> {
  const name = `heroku_${appName
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    addonId: randomUUID(),
    addonName: `postgresql-${appName.slice(0, 20)}-${randomBytes(3).toString('hex')}`,
  };
}

export async function dropAppDatabases(adminUrl: string, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
