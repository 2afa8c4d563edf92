import type { Pool } from 'pg';
import type { Role } from '../auth/roles.ts';

export interface User {
  id: number;
  username: string;
  role: Role;
  created_at: string;
}

interface UserRow {
  id: string;
  username: string;
  role: Role;
  created_at: Date;
}

const toUser = (r: UserRow): User => ({ id: Number(r.id), username: r.username, role: r.role, created_at: r.created_at.toISOString() });

export type CreateUserResult = { ok: true; user: User } | { ok: false; reason: 'username-taken' };

export async function createUser(
  pool: Pool,
  input: { username: string; passwordHash: string; role: Role },
): Promise<CreateUserResult> {
  const { rows } = await pool.query<UserRow>(
    `INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3)
     ON CONFLICT (username) DO NOTHING
     RETURNING id, username, role, created_at`,
    [input.username, input.passwordHash, input.role],
  );
  const row = rows[0];
  return row ? { ok: true, user: toUser(row) } : { ok: false, reason: 'username-taken' };
}

export async function listUsers(pool: Pool): Promise<User[]> {
  const { rows } = await pool.query<UserRow>('SELECT id, username, role, created_at FROM users ORDER BY id');
  return rows.map(toUser);
}

export async function getUser(pool: Pool, id: number): Promise<User | undefined> {
  const { rows } = await pool.query<UserRow>('SELECT id, username, role, created_at FROM users WHERE id = $1', [id]);
  return rows[0] ? toUser(rows[0]) : undefined;
}

/** Deleting a user deletes its queues and their messages (foreign keys cascade). */
export async function deleteUser(pool: Pool, id: number): Promise<boolean> {
  const { rowCount } = await pool.query('DELETE FROM users WHERE id = $1', [id]);
  return rowCount === 1;
}

export async function findLogin(
  pool: Pool,
  username: string,
): Promise<{ id: number; role: Role; passwordHash: string } | undefined> {
  const { rows } = await pool.query<{ id: string; role: Role; password_hash: string }>(
    'SELECT id, role, password_hash FROM users WHERE username = $1',
    [username],
  );
  const row = rows[0];
  return row ? { id: Number(row.id), role: row.role, passwordHash: row.password_hash } : undefined;
}
