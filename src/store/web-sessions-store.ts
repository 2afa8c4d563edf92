import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './database.ts';

/** A signed-in browser: who it is and until when. */
export interface WebSession {
  subject: string;
  expiresAt: Date;
}

const hashId = (id: string): string => createHash('sha256').update(id).digest('hex');

/**
 * Starts a session and returns its id, the cookie value. Only the id's hash is stored: someone who
 * reads the table cannot turn a row back into a cookie. Expired sessions are removed on the way.
 */
export async function createWebSession(db: Queryable, input: { subject: string; ttlSeconds: number }): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await db.query('DELETE FROM web_sessions WHERE expires_at < now()');
  await db.query(`INSERT INTO web_sessions (id_hash, subject, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [
    hashId(id),
    input.subject,
    input.ttlSeconds,
  ]);
  return id;
}

/** The live session with this id, or undefined when it is unknown or has expired. */
export async function findWebSession(db: Queryable, id: string): Promise<WebSession | undefined> {
  const rows = await db.query<{ subject: string; expires_at: Date | string }>(
    'SELECT subject, expires_at FROM web_sessions WHERE id_hash = $1 AND expires_at > now()',
    [hashId(id)],
  );
  const r = rows[0];
  return r && { subject: r.subject, expiresAt: new Date(r.expires_at) };
}

export async function deleteWebSession(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM web_sessions WHERE id_hash = $1', [hashId(id)]);
}
