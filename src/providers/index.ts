import type { BackendConfig, FrontendConfig } from '../config/deploy-config.ts';
import type { Step } from '../deployments/step.ts';
import { commandProvider } from './command/index.ts';
import { herokuProvider } from './heroku/index.ts';
import type { Provider, ProviderDeps } from './provider.ts';
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
