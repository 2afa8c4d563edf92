import type { Logger } from 'pino';
import type { DeployConfig } from '../config/deploy-config.ts';
import { notifierVariables } from './config-resources.ts';
import type { RepositoryIdentity } from './repository-identity.ts';
import type { ResourceGate } from './resource-gate.ts';

/**
 * The notifiers of a `notify:` list whose server variables the repository may use. A deployment
 * that names another team's webhook fails before any step, but its `started` and `failed` messages
 * would still go out: they are sent only to notifiers the gate allows (checked, never claimed).
 */
export async function permittedNotifiers(
  gate: ResourceGate,
  /** With its id as GitHub gave it (never from a payload). */
  repo: RepositoryIdentity,
  notify: DeployConfig['notify'],
  log: Logger,
): Promise<DeployConfig['notify']> {
  if (notify.length === 0) return notify;
  const quiet = { line: () => undefined };
  const permitted: DeployConfig['notify'] = [];
  for (const [i, entry] of notify.entries()) {
    const uses = notifierVariables([entry]).map((use) => ({ ...use, field: use.field.replace(/^notify\[0\]/, `notify[${i}]`) }));
    const admitted = await gate.admit({ repo, uses, log: quiet, dryRun: true });
    if (admitted.ok) permitted.push(entry);
    else
      log.warn(
        { repository: `${repo.owner}/${repo.name}`, refusals: admitted.refusals },
        'notifier not sent: the policy refuses its variables',
      );
  }
  return permitted;
}
