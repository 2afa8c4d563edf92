import type { Logger } from 'pino';
import { loadDefaultBranchConfig } from '../deployments/load-environment-config.ts';
import { parseEnvironmentKey } from '../jobs/environment-key.ts';
import { notifyConfigured, type NotifyDeps } from '../notifiers/notify-observer.ts';
import { permittedNotifiers } from '../policy/permitted-notifiers.ts';
import type { Database } from '../store/database.ts';
import { liftExpiredLocks, type EnvironmentLock } from '../store/locks-store.ts';

export type LiftDeps = NotifyDeps & { db: Database; log: Logger };

/** Tells the repository's notifiers (from its default branch's config) that a lock came to its end. */
async function notifyLifted(deps: LiftDeps, lock: EnvironmentLock): Promise<void> {
  const where = parseEnvironmentKey(lock.key);
  if (!where || lock.installationId === null) return;
  const github = await deps.github(lock.installationId);
  const { loaded, repository } = await loadDefaultBranchConfig(github, where);
  if (loaded.state !== 'valid' || loaded.config.notify.length === 0) return;
  const notify = await permittedNotifiers(deps.resources, repository, loaded.config.notify, deps.log);
  await notifyConfigured(deps, notify, {
    type: 'unlocked',
    repository: `${where.owner}/${where.repo}`,
    environment: where.environment,
    lockedBy: lock.owner,
    expired: true,
  });
}

/**
 * Lifts every lock whose end is at or before `now` and notifies for each. The queue claims the
 * environment's waiting deployments again once the lock row is gone.
 */
export async function liftExpired(deps: LiftDeps, now: Date): Promise<EnvironmentLock[]> {
  const lifted = await liftExpiredLocks(deps.db, now);
  for (const lock of lifted) {
    deps.log.info({ key: lock.key, lockedBy: lock.owner, expiresAt: lock.expiresAt }, 'a lock came to its end and was lifted');
    // The lock is already gone: a notifier that cannot be reached must not bring it back.
    await notifyLifted(deps, lock).catch((error: unknown) =>
      deps.log.warn({ err: error, key: lock.key }, 'could not send the unlocked notification of an expired lock'),
    );
  }
  return lifted;
}
