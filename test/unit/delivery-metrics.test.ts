import { describe, expect, it } from 'vitest';
import type { DeliveryRecord } from '../../src/store/delivery-history.ts';
import { deliveryFigures } from '../../src/web/metrics/delivery-metrics.ts';

const HOUR = 3_600_000;
const now = new Date('2026-06-30T00:00:00Z');
const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
const deployment = (d: Partial<DeliveryRecord> & { createdAt: Date }): DeliveryRecord => ({
  owner: 'o',
  repo: 'r',
  environment: 'production',
  task: 'deploy',
  state: 'inactive',
  purpose: null,
  finishedAt: new Date(d.createdAt.getTime() + 0.1 * HOUR),
  firstCommitAt: null,
  ...d,
});

describe('delivery figures', () => {
  it('blames a rollback on what was live when it was asked for, not on an earlier change', () => {
    const a = deployment({ createdAt: at(10) });
    const b = deployment({ createdAt: at(8) });
    const rollback = deployment({ createdAt: at(6), task: 'deploy:rollback', purpose: 'rollback' });
    const figures = deliveryFigures([a, b, rollback], 7, now);
    // Changes: a, b; b was live when the rollback came: 1 of 2 failed; restored when the rollback went live.
    expect(figures.changeFailureRate).toBe(0.5);
    expect(figures.timeToRestoreMs).toBe(rollback.finishedAt!.getTime() - b.finishedAt!.getTime());
  });

  it('does not count a rollback more than 24 h after the change went live', () => {
    const a = deployment({ createdAt: at(30) });
    const rollback = deployment({ createdAt: at(30 - 0.1 - 24.5), task: 'deploy:rollback', purpose: 'rollback' });
    expect(deliveryFigures([a, rollback], 7, now).changeFailureRate).toBe(0);
  });

  it('measures lead time from the first commit, for changes only: not for redeploys, failures or deployments without one', () => {
    const merged = deployment({ createdAt: at(5), firstCommitAt: at(50) });
    const redeploy = deployment({ createdAt: at(4), purpose: 'redeploy', firstCommitAt: at(100) });
    const failed = deployment({ createdAt: at(3), state: 'failure', firstCommitAt: at(100) });
    const fromApi = deployment({ createdAt: at(2) });
    const figures = deliveryFigures([merged, redeploy, failed, fromApi], 7, now);
    expect(figures.leadTimeMedianMs).toBe(merged.finishedAt!.getTime() - merged.firstCommitAt!.getTime());
    expect(figures.leadTimeP90Ms).toBe(figures.leadTimeMedianMs);
    // Changes: merged, failed, fromApi (a redeploy is not a change); one failed.
    expect(figures.changeFailureRate).toBe(1 / 3);
    expect(figures.deployments).toBe(3);
  });
});
