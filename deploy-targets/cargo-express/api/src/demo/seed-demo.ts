import { hashPassword } from '../auth/password.ts';
import type { Database } from '../database.ts';
import { recordOrder } from '../orders/record-order.ts';
import { buildOrder } from './catalog.ts';

export const DEMO_USERNAME = 'demo';
export const DEFAULT_DEMO_PASSWORD = 'demo-password';
export const DEMO_ORDER_COUNT = 12;

export type SeedResult = { userCreated: boolean; passwordUpdated: boolean; ordersCreated: number };

/**
 * Creates the demo user and demo orders `demo-0001`… spread over the hours before `now`.
 * Running it again changes nothing, except that an explicit password replaces the stored one.
 */
export async function seedDemo(
  db: Database,
  options: { password: string | undefined; timeZone: string; now?: Date },
): Promise<SeedResult> {
  const hash = await hashPassword(options.password ?? DEFAULT_DEMO_PASSWORD);
  const user = await db.query<{ inserted: boolean }>(
    `INSERT INTO users (username, password_hash) VALUES ($1, $2)
     ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash WHERE $3::boolean
     RETURNING (xmax = 0) AS inserted`,
    [DEMO_USERNAME, hash, options.password !== undefined],
  );
  const now = options.now ?? new Date();
  let ordersCreated = 0;
  for (let index = 1; index <= DEMO_ORDER_COUNT; index++) {
    // A fixed sequence, so that every run builds the same orders.
    let state = index * 7919;
    const pick = (n: number) => (state = (state * 48271) % 2147483647) % n;
    const at = new Date(now.getTime() - (DEMO_ORDER_COUNT - index) * 9 * 60_000);
    const order = buildOrder(`demo-${String(index).padStart(4, '0')}`, at, pick);
    if ((await recordOrder(db, order, options.timeZone)).ok) ordersCreated++;
  }
  const inserted = user.rows[0]?.inserted;
  return { userCreated: inserted === true, passwordUpdated: inserted === false, ordersCreated };
}
