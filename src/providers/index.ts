import type { BackendConfig, EnvironmentConfig, FrontendConfig } from '../config/deploy-config.ts';
import type { Step } from '../deployments/step.ts';
import type { PreviewInput, PromotionSource, Provider, ProviderDeps, RollbackTarget } from './provider.ts';

/**
 * Provider name → implementation. A new provider is one folder and one line here. Each is loaded
 * the first time a deployment uses it: the S3 provider brings the AWS SDK (~25 MiB), the Heroku
 * provider heroku-client and undici, which an idle Runway, or one that deploys only with commands,
 * does not need in memory.
 */
const backends: { [P in BackendConfig['provider']]: () => Promise<Provider<Extract<BackendConfig, { provider: P }>>> } = {
  command: async () => (await import('./command/index.ts')).commandProvider,
  heroku: async () => (await import('./heroku/index.ts')).herokuProvider,
};

const frontends: { [P in FrontendConfig['provider']]: () => Promise<Provider<Extract<FrontendConfig, { provider: P }>>> } = {
  command: async () => (await import('./command/index.ts')).commandProvider,
  s3: async () => (await import('./s3/index.ts')).s3Provider,
};

const backend = (config: BackendConfig) => backends[config.provider]() as Promise<Provider<BackendConfig>>;
const frontend = (config: FrontendConfig) => frontends[config.provider]() as Promise<Provider<FrontendConfig>>;

export async function backendSteps(config: BackendConfig, deps: ProviderDeps): Promise<Step[]> {
  return (await backend(config)).steps(config, deps, 'backend');
}

export async function frontendSteps(config: FrontendConfig, deps: ProviderDeps): Promise<Step[]> {
  return (await frontend(config)).steps(config, deps, 'frontend');
}

/** Steps that put `target` back without rebuilding, or the provider's deploy steps when it cannot. */
export async function backendRollbackSteps(config: BackendConfig, deps: ProviderDeps, target: RollbackTarget): Promise<Step[]> {
  const provider = await backend(config);
  return provider.rollbackSteps?.(config, deps, 'backend', target) ?? provider.steps(config, deps, 'backend');
}

export async function frontendRollbackSteps(config: FrontendConfig, deps: ProviderDeps, target: RollbackTarget): Promise<Step[]> {
  const provider = await frontend(config);
  return provider.rollbackSteps?.(config, deps, 'frontend', target) ?? provider.steps(config, deps, 'frontend');
}

/**
 * `/promote`: the steps that ship `source` (a deployment of another environment, same provider)
 * here without rebuilding where it can, or the provider's deploy steps of its commit when it cannot.
 */
export async function backendPromoteSteps(
  config: BackendConfig,
  deps: ProviderDeps,
  source: PromotionSource<BackendConfig>,
): Promise<Step[]> {
  const provider = await backend(config);
  return provider.promoteSteps?.(config, deps, 'backend', source) ?? provider.steps(config, deps, 'backend');
}

export async function frontendPromoteSteps(
  config: FrontendConfig,
  deps: ProviderDeps,
  source: PromotionSource<FrontendConfig>,
): Promise<Step[]> {
  const provider = await frontend(config);
  return provider.promoteSteps?.(config, deps, 'frontend', source) ?? provider.steps(config, deps, 'frontend');
}

/** The detail a dry run adds to the step list, from each provider that can preview its work. */
export async function previewPlan(environment: EnvironmentConfig, deps: ProviderDeps, input: PreviewInput): Promise<string[]> {
  const back = environment.backend && (await backend(environment.backend));
  const front = environment.frontend && (await frontend(environment.frontend));
  return [
    ...((environment.backend && (await back?.preview?.(environment.backend, deps, 'backend', input))) || []),
    ...((environment.frontend && (await front?.preview?.(environment.frontend, deps, 'frontend', input))) || []),
  ];
}
