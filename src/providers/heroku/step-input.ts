import type { HerokuBackendConfig } from '../../config/deploy-config.ts';
import type { ProviderDeps } from '../provider.ts';
import type { HerokuDeployState } from './deploy-state.ts';

/** What every Heroku step is built from. */
export interface HerokuStepInput {
  readonly config: HerokuBackendConfig;
  readonly deps: ProviderDeps;
  /** Prefix of step names and outputs: `backend`. */
  readonly side: 'backend' | 'frontend';
  readonly state: HerokuDeployState;
}
