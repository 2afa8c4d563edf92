import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeploymentLog } from '../../src/deployments/deployment-log.ts';
import { runSteps } from '../../src/deployments/run-steps.ts';
import type { Step } from '../../src/deployments/step.ts';
import { Redactor } from '../../src/log/redactor.ts';
import type { Database } from '../../src/store/database.ts';
import { openStoreFor, recordTestDeployment } from '../support/open-store.ts';
import { makeStepContext } from '../support/step-context.ts';

// Only PostgreSQL: what is tested is the runner's order of events, the same on both engines.
describe('a step stopped by its time limit', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await openStoreFor('postgres'));
  });
  afterAll(() => cleanup?.());

  it('has ended (its processes gone) before the runner undoes and gives the environment back', async () => {
    const deploymentId = await recordTestDeployment(db, { delivery: 'stopped-step', githubId: 1, runKey: 'acme/svc:production:1' });
    const events: string[] = [];
    // Like a command whose process takes a moment to die after SIGTERM.
    const slowToStop: Step = {
      name: 'backend.command',
      describe: () => 'a command slow to stop',
      run: ({ signal }) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () =>
            setTimeout(() => {
              events.push('step ended');
              reject(new Error('stopped'));
            }, 1000),
          ),
        ),
    };
    const done: Step = {
      name: 'release',
      describe: () => 'completed before',
      run: async () => ({}),
      undo: async () => void events.push('undo'),
    };
    const log = await DeploymentLog.open(db, deploymentId, new Redactor(), pino({ level: 'silent' }), { maxLines: 1000, maxBytes: 1e6 });
    const ctx = makeStepContext({ sourceDir: '/nonexistent' });
    const outcome = await runSteps({
      db,
      deploymentId,
      steps: [done, slowToStop],
      ctx: { ...ctx, log },
      log,
      serverLog: pino({ level: 'silent' }),
      stepTimeoutMinutes: 0.01, // 0.6 s
    });
    events.push('runner returned');
    expect(outcome).toMatchObject({ ok: false, failedStep: 'backend.command' });
    expect(events).toEqual(['step ended', 'undo', 'runner returned']);
  });
});
