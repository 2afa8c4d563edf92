import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeOrphanWork } from '../../src/deployments/remove-orphan-work.ts';
import type { Database } from '../../src/store/database.ts';
import { moveDeployment } from '../../src/store/deployments-store.ts';
import { openStoreFor, recordTestDeployment } from '../support/open-store.ts';

describe('work left by a crash', () => {
  let db: Database;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dataDir, cleanup } = await openStoreFor('postgres'));
  });
  afterAll(() => cleanup?.());

  const deployment = async (n: number) =>
    recordTestDeployment(db, {
      delivery: `orphan-${n}`,
      githubId: n,
      repo: 'web',
      environment: `env${n}`,
      sha: 'b'.repeat(40),
      creator: null,
      runKey: `acme/web:env${n}`,
    });
  const folder = async (...parts: string[]) => {
    const dir = path.join(dataDir, 'work', ...parts);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'file'), 'x');
    return dir;
  };

  it('removes checkouts of ended or unknown deployments, stale dry runs and partial builds of dead processes; keeps the rest', async () => {
    const ended = await deployment(1);
    const running = await deployment(2);
    await moveDeployment(db, ended, 'in_progress');
    await moveDeployment(db, ended, 'failure', { description: 'failed' });
    await moveDeployment(db, running, 'in_progress');
    const deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

    const endedCheckout = await folder('checkouts', String(ended));
    const unknownCheckout = await folder('checkouts', '999999');
    const runningCheckout = await folder('checkouts', String(running));
    const staleDryRun = await folder('checkouts', 'dry-run-old');
    await utimes(staleDryRun, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    const freshDryRun = await folder('checkouts', 'dry-run-new');
    const builds = ['frontend-builds', 'acme', 'web', 'production'];
    const deadPartial = await folder(...builds, `${'c'.repeat(40)}.partial-${deadPid}-1700000000000`);
    const livePartial = await folder(...builds, `${'d'.repeat(40)}.partial-1-1700000000000`);
    const kept = await folder(...builds, 'e'.repeat(40));

    const removed = await removeOrphanWork(db, path.join(dataDir, 'work'));
    expect(removed.checkouts.sort()).toEqual([endedCheckout, unknownCheckout, staleDryRun].sort());
    expect(removed.partialBuilds).toEqual([deadPartial]);
    for (const gone of [endedCheckout, unknownCheckout, staleDryRun, deadPartial]) expect(existsSync(gone)).toBe(false);
    for (const stays of [runningCheckout, freshDryRun, livePartial, kept]) expect(existsSync(stays)).toBe(true);
  });

  it('does nothing when there is no work folder yet', async () => {
    expect(await removeOrphanWork(db, path.join(dataDir, 'nothing-here'))).toEqual({ checkouts: [], partialBuilds: [] });
  });
});
