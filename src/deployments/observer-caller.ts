import type { DeploymentServices } from './run-deployment.ts';
import type { DeploymentOutcome } from './deployment-observer.ts';
import { getDeployment } from '../store/deployments-store.ts';

export type ObservedEvent = 'started' | 'stepChanged' | 'finished';

/**
 * Tells every observer about a deployment's moves, in order and beside the run: `tell` returns at
 * once (observers only ask for durable jobs or send chat messages, which must not hold a
 * deployment up), and `settled` waits until every event told so far reached every observer. An
 * observer that fails, or a store that cannot give the record, is logged, never fatal.
 */
export function observerCaller(
  services: Pick<DeploymentServices, 'db' | 'observers' | 'log'>,
  deploymentId: number,
): { tell(event: ObservedEvent, outcome?: DeploymentOutcome): void; settled(): Promise<void> } {
  let told = Promise.resolve();
  const callAll = async (event: ObservedEvent, outcome?: DeploymentOutcome) => {
    const record = await getDeployment(services.db, deploymentId);
    if (!record) return;
    await Promise.all(
      services.observers.map(async (o) => {
        try {
          if (event === 'started') await o.started?.(record);
          else if (event === 'stepChanged') await o.stepChanged?.(record);
          else if (outcome) await o.finished?.(record, outcome);
        } catch (error) {
          services.log.warn({ err: error, observer: o.name, deployment: deploymentId }, 'a deployment observer failed');
        }
      }),
    );
  };
  return {
    tell(event, outcome) {
      told = told
        .then(() => callAll(event, outcome))
        .catch((error: unknown) => services.log.warn({ err: error, deployment: deploymentId, event }, 'could not tell the observers'));
    },
    settled: () => told,
  };
}
