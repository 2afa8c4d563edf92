import type { BackendConfig, EnvironmentConfig, FrontendConfig } from '../config/deploy-config.ts';
import type { Step } from '../deployments/step.ts';
import { commandProvider } from './command/index.ts';
import { herokuProvider } from './heroku/index.ts';
import type { PreviewInput, PromotionSource, Provider, ProviderDeps, RollbackTarget } from './provider.ts';
import { s3Provider } from './s3/index.ts';

/** Provider name → implementation. A new provider is one folder and one line here. */
const backends: { [P in BackendConfig['provider']]: Provider<Extract<BackendConfig, { provider: P }>> } = {
  command: commandProvider,
  heroku: herokuProvider,
};

const frontends: { [P in FrontendConfig['provider']]: Provider<Extract<FrontendConfig, { provider: P }>> } = {
  command: commandProvider,
  s3: s3Provider,
};

export function backendSteps(config: BackendConfig, deps: ProviderDeps): Step[] {
  return (backends[config.provider] as Provider<BackendConfig>).steps(config, deps, 'backend');
}

export function frontendSteps(config: FrontendConfig, deps: ProviderDeps): Step[] {
  return (frontends[config.provider] as Provider<FrontendConfig>).steps(config, deps, 'frontend');
}

/** Steps that put `target` back without rebuilding, or the provider's deploy steps when it cannot. */
export function backendRollbackSteps(config: BackendConfig, deps: ProviderDeps, target: RollbackTarget): Step[] {
  const provider = backends[config.provider] as Provider<BackendConfig>;
  return provider.rollbackSteps?.(config, deps, 'backend', target) ?? provider.steps(config, deps, 'backend');
}

export function frontendRollbackSteps(config: FrontendConfig, deps: ProviderDeps, target: RollbackTarget): Step[] {
  const provider = frontends[config.provider] as Provider<FrontendConfig>;
  return provider.rollbackSteps?.(config, deps, 'frontend', target) ?? provider.steps(config, deps, 'frontend');
}

/**
 * `/promote`: the steps that ship `source` (a deployment of another environment, same provider)
 * here without rebuilding where it can, or the provider's deploy steps of its commit when it cannot.
 */
export function backendPromoteSteps(config: BackendConfig, deps: ProviderDeps, source: PromotionSource<BackendConfig>): Step[] {
  const provider = backends[config.provider] as Provider<BackendConfig>;
  return provider.promoteSteps?.(config, deps, 'backend', source) ?? provider.steps(config, deps, 'backend');
}

export function frontendPromoteSteps(config: FrontendConfig, deps: ProviderDeps, source: PromotionSource<FrontendConfig>): Step[] {
  const provider = frontends[config.provider] as Provider<FrontendConfig>;
  return provider.promoteSteps?.(config, deps, 'frontend', source) ?? provider.steps(config, deps, 'frontend');
}

/** The detail a dry run adds to the step list, from each provider that can preview its work. */
export async function previewPlan(environment: EnvironmentConfig, deps: ProviderDeps, input: PreviewInput): Promise<string[]> {
  const backend = environment.backend && (backends[environment.backend.provider] as Provider<BackendConfig>);
  const frontend = environment.frontend && (frontends[environment.frontend.provider] as Provider<FrontendConfig>);
  return [
    ...((environment.backend && (await backend?.preview?.(environment.backend, deps, 'backend', input))) || []),
    ...((environment.frontend && (await frontend?.preview?.(environment.frontend, deps, 'frontend', input))) || []),
  ];
}
