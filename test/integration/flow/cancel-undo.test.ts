import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeploymentLog } from '../../../src/deployments/deployment-log.ts';
import { runSteps } from '../../../src/deployments/run-steps.ts';
import type { Step } from '../../../src/deployments/step.ts';
import { CancelledError } from '../../../src/flow/cancelled-error.ts';
import { watchCancel } from '../../../src/flow/watch-cancel.ts';
import { Redactor } from '../../../src/log/redactor.ts';
import type { Database } from '../../../src/store/database.ts';
import { requestCancel } from '../../../src/store/cancel-requests-store.ts';
import { listSteps } from '../../../src/store/steps-store.ts';
import { openStoreFor, recordTestDeployment } from '../../support/open-store.ts';
import { makeStepContext } from '../../support/step-context.ts';

/**
 * `/cancel` reaches a running deployment through the store (the command may run on another
 * replica): the watcher aborts the run's signal with a CancelledError, the running step stops, and
 * the completed steps are undone as after a failure, unless `--no-undo`.
 */
describe('a cancelled run', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await openStoreFor('postgres'));
  });
  afterAll(() => cleanup?.());

  let next = 0;
  const cancelDuringSecondStep = async (undo: boolean) => {
    next += 1;
    const id = await recordTestDeployment(db, {
      delivery: `delivery-${next}`,
      githubId: 9000 + next,
      repo: 'shop',
      creator: 'lead',
      runKey: 'acme/shop:production',
    });
    const undone: string[] = [];
    const release: Step = {
      name: 'backend.release',
      describe: () => 'make a release',
      run: async () => ({ summary: 'released v2' }),
      undo: async () => {
        undone.push('backend.release');
        return { summary: 'rolled back to v1' };
      },
    };
    let buildStarted!: () => void;
    const started = new Promise<void>((resolve) => (buildStarted = resolve));
    const build: Step = {
      name: 'frontend.build',
      describe: () => 'build the frontend',
      run: (ctx) =>
        new Promise((_, reject) => {
          buildStarted();
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error), { once: true });
        }),
    };
    const redactor = new Redactor([]);
    const serverLog = pino({ level: 'silent' });
    const log = await DeploymentLog.open(db, id, redactor, serverLog, { maxLines: 1000, maxBytes: 1 << 20 });
    const watcher = watchCancel(db, id, new AbortController().signal, 50);
    const ctx = { ...makeStepContext({ sourceDir: '/tmp' }), signal: watcher.signal };
    const running = runSteps({ db, deploymentId: id, steps: [release, build], ctx, log, serverLog, stepTimeoutMinutes: 1 });
    await started;
    await requestCancel(db, { deploymentId: id, actor: 'lead', undo });
    const result = await running;
    watcher.stop();
    await log.flush();
    return { result, undone, steps: await listSteps(db, id) };
  };

  it('stops the running step and undoes the completed ones', async () => {
    const { result, undone, steps } = await cancelDuringSecondStep(true);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failedStep).toBe('frontend.build');
    expect(!result.ok && result.error).toBeInstanceOf(CancelledError);
    expect(!result.ok && (result.error as Error).message).toBe('cancelled by @lead');
    expect(undone).toEqual(['backend.release']);
    expect(steps.map((s) => [s.name, s.state])).toEqual([
      ['backend.release', 'undone'],
      ['frontend.build', 'failed'],
    ]);
  });

  it('leaves the completed steps as they are with --no-undo', async () => {
    const { result, undone, steps } = await cancelDuringSecondStep(false);
    expect(!result.ok && result.error).toBeInstanceOf(CancelledError);
    expect(undone).toEqual([]);
    expect(steps.map((s) => [s.name, s.state])).toEqual([
      ['backend.release', 'succeeded'],
      ['frontend.build', 'failed'],
    ]);
  });
});
