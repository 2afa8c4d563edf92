import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeploymentLog } from '../../src/deployments/deployment-log.ts';
import { Redactor } from '../../src/log/redactor.ts';
import type { Database } from '../../src/store/database.ts';
import { readLogLines } from '../../src/store/log-store.ts';
import { openStoreFor, recordTestDeployment } from '../support/open-store.ts';

/** The store as a deployment sees it while PostgreSQL restarts: every statement fails until it is back. */
function interruptible(db: Database): { db: Database; down(): void; up(): void } {
  let down = false;
  const refuse = () => {
    if (down) throw new Error('Connection terminated unexpectedly');
  };
  return {
    db: {
      engine: db.engine,
      close: () => db.close(),
      keptOpen: (size) => db.keptOpen(size),
      exec: async (sql) => (refuse(), db.exec(sql)),
      query: async (sql, params) => (refuse(), db.query(sql, params)),
      transaction: async (fn) => (refuse(), db.transaction(fn)),
    },
    down: () => void (down = true),
    up: () => void (down = false),
  };
}

// Only PostgreSQL: it is the engine a server can lose mid-run (the embedded one lives in the process).
describe('a deployment log while the store is unreachable', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await openStoreFor('postgres'));
  });
  afterAll(() => cleanup?.());

  const newDeployment = async (n: number) =>
    recordTestDeployment(db, { delivery: `outage-${n}`, githubId: n, runKey: `acme/svc:production:${n}` });
  const lines = async (id: number) => (await readLogLines(db, id)).map((l) => `${l.seq} ${l.line}`);

  it('keeps the lines written during the outage and stores them, in order, once the store is back', async () => {
    const id = await newDeployment(1);
    const store = interruptible(db);
    const log = await DeploymentLog.open(store.db, id, new Redactor(), pino({ level: 'silent' }), { maxLines: 1000, maxBytes: 1024 ** 2 });
    log.line('before');
    await log.flush();
    store.down();
    log.line('during one');
    await log.flush();
    log.line('during two');
    await log.flush();
    expect(await lines(id)).toEqual(['1 before']);
    store.up();
    log.line('after');
    await log.flush();
    expect(await lines(id)).toEqual(['1 before', '2 during one', '3 during two', '4 after']);
  });

  it('tries again by itself, without another line or flush to prompt it', async () => {
    const id = await newDeployment(2);
    const store = interruptible(db);
    const log = await DeploymentLog.open(store.db, id, new Redactor(), pino({ level: 'silent' }), { maxLines: 1000, maxBytes: 1024 ** 2 });
    store.down();
    log.line('the last line of a run');
    await log.flush();
    store.up();
    const until = Date.now() + 15_000;
    while ((await lines(id)).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await lines(id)).toEqual(['1 the last line of a run']);
  });

  it('keeps at most the capped number of lines while it waits, and marks what went', async () => {
    const id = await newDeployment(3);
    const store = interruptible(db);
    const log = await DeploymentLog.open(store.db, id, new Redactor(), pino({ level: 'silent' }), { maxLines: 5, maxBytes: 1024 ** 2 });
    store.down();
    for (let i = 1; i <= 12; i++) log.line(`line ${i}`);
    await log.flush();
    store.up();
    await log.flush();
    const stored = await lines(id);
    expect(stored.slice(1)).toEqual(['9 line 9', '10 line 10', '11 line 11', '12 line 12']);
    expect(stored[0]).toMatch(/^8 … 8 earlier lines .* dropped/);
  });
});
