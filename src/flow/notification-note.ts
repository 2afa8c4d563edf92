import type { DeploymentRecord } from '../store/deployments-store.ts';

/**
 * What a chat notification adds about the deploy flow: an admin's `--skip-checks` (on every event
 * of that deployment), and the hold a `/rollback` puts on its environment.
 */
export function flowNote(d: DeploymentRecord): string | undefined {
  if (d.origin?.skipChecks) return `CI checks skipped: /deploy --skip-checks by @${d.origin.actor}`;
  if (d.origin?.purpose === 'rollback')
    return `the rolled-back deployment is marked faulty; merges are held until /resume ${d.environment}`;
  return undefined;
}
