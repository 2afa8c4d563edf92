import type { EnvironmentConfig } from '../config/deploy-config.ts';
import { environmentKey } from '../jobs/environment-key.ts';
import type { Queryable } from '../store/database.ts';
import { activeFreeze, freezeText, lockForFreeze } from './freeze-window.ts';

export type FreezeDecision = { action: 'deploy' } | { action: 'queue'; text: string } | { action: 'refuse'; text: string };

/**
 * What a merge does while one of the environment's freeze windows is closed: it queues behind a lock
 * that lifts itself when the window ends (`merges: queue`), or it is not deployed (`merges: refuse`).
 */
export async function freezeForMerge(
  db: Queryable,
  input: { owner: string; repo: string; environment: string; env: EnvironmentConfig; installationId: number; now: Date },
): Promise<FreezeDecision> {
  const freeze = activeFreeze(input.env.freeze, input.now);
  if (!freeze) return { action: 'deploy' };
  const text = freezeText(freeze);
  if (freeze.window.merges === 'refuse') return { action: 'refuse', text };
  await lockForFreeze(db, {
    key: environmentKey(input.owner, input.repo, input.environment),
    freeze,
    installationId: input.installationId,
  });
  return { action: 'queue', text };
}
