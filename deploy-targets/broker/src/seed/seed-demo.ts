import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { hashPassword } from '../auth/password.ts';
import type { Role } from '../auth/roles.ts';
import { createChannel } from '../store/channels.ts';
import { subscribe } from '../store/queues.ts';
import { createUser } from '../store/users.ts';

export const DEMO = { admin: 'admin', publisher: 'demo-publisher', consumer: 'demo-consumer', channel: 'demo' } as const;

export interface SeedPasswords {
  admin?: string | undefined;
  users?: string | undefined;
}

export interface SeedReport {
  /** What this run did, one line each. Generated passwords appear here only when the user was created. */
  lines: string[];
}

const generated = () => randomBytes(12).toString('base64url');

/**
 * Creates the demo admin, publisher, consumer and channel, and subscribes the consumer.
 * Idempotent: what exists is left as it is, passwords included.
 */
export async function seedDemo(pool: Pool, passwords: SeedPasswords): Promise<SeedReport> {
  const lines: string[] = [];
  const user = async (username: string, role: Role, given: string | undefined) => {
    const password = given ?? generated();
    const result = await createUser(pool, { username, role, passwordHash: await hashPassword(password) });
    if (!result.ok) lines.push(`user ${username} exists (left unchanged)`);
    else lines.push(`user ${username} (${role}) created${given ? '' : ` with generated password: ${password}`}`);
  };
  await user(DEMO.admin, 'admin', passwords.admin);
  await user(DEMO.publisher, 'publisher', passwords.users);
  await user(DEMO.consumer, 'consumer', passwords.users);

  const channel = await createChannel(pool, DEMO.channel);
  lines.push(channel.ok ? `channel ${DEMO.channel} created` : `channel ${DEMO.channel} exists`);

  const { rows } = await pool.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [DEMO.consumer]);
  const consumerId = Number(rows[0]?.id);
  const queue = await subscribe(pool, DEMO.channel, consumerId);
  if (!queue.ok) throw new Error(`seed: could not subscribe ${DEMO.consumer}: ${queue.reason}`);
  lines.push(`${DEMO.consumer} ${queue.created ? 'subscribed to' : 'already subscribed to'} ${DEMO.channel} (queue ${queue.queue.id})`);
  return { lines };
}
