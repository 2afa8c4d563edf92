import { expect } from 'vitest';
import type { RunwayStack } from './runway-stack.ts';

/** Makes the recurring lock-expiry job due now and waits for one run, instead of waiting up to its interval. */
export async function runLockExpiryNow(stack: RunwayStack): Promise<void> {
  const { db, worker } = stack.runway;
  const open = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'lock_expiry'`);
  expect(open[0]?.n).toBe(1);
  const [due] = await db.query<{ run_after: Date }>(`UPDATE jobs SET run_after = now() WHERE kind = 'lock_expiry' RETURNING run_after`);
  worker.wake();
  await stack.github.waitFor(
    async () => {
      const rows = await db.query<{ later: boolean }>(
        `SELECT run_after > $1 AS later FROM jobs WHERE kind = 'lock_expiry' AND state = 'queued'`,
        [due!.run_after],
      );
      return rows[0]?.later === true || undefined;
    },
    { what: 'a run of the lock expiry' },
  );
}
