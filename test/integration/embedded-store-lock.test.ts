import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '../../src/store/embedded-database.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

describe('the embedded store serves one process', () => {
  let stack: RunwayStack;
  beforeAll(async () => {
    stack = await startRunwayStack('embedded');
  });
  afterAll(() => stack?.close());

  it('stops a second Runway on the same data directory with a clear message', () => {
    const second = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...stack.env, PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(
      `Runway cannot start: the data directory ${stack.store.dataDir} is in use by another Runway process (pid ${process.pid})`,
    );
    expect(second.stderr).toContain('set DATABASE_URL to share PostgreSQL between replicas');
  });

  it('takes over a lock left by a process that is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const dir = path.join(stack.store.dataDir, 'other');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'runway.lock'), gone.stdout);
    const db = await openEmbeddedDatabase(dir);
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await db.close();
  });
});
