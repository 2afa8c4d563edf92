import type { EnvironmentConfig } from '../config/deploy-config.ts';
import { backendSteps, frontendSteps } from '../providers/index.ts';
import type { ProviderDeps } from '../providers/provider.ts';
import type { Step } from './step.ts';

/** The steps of an environment's deployment, in order: backend first, then frontend. */
export async function buildPlan(environment: EnvironmentConfig, deps: ProviderDeps): Promise<Step[]> {
  return [
    ...(environment.backend ? await backendSteps(environment.backend, deps) : []),
    ...(environment.frontend ? await frontendSteps(environment.frontend, deps) : []),
  ];
}
