import type { HerokuBackendConfig } from '../../config/deploy-config.ts';
import type { Step } from '../../deployments/step.ts';
import type { Provider } from '../provider.ts';
import { BackupStep } from './backup.ts';
import { BuildStep } from './build.ts';
import { ConfigVarsStep } from './config-vars.ts';
import type { HerokuDeployState } from './deploy-state.ts';
import { HealthcheckStep } from './healthcheck.ts';
import { ReleaseStep } from './release.ts';
import { PromoteStep } from './promote-step.ts';
import { herokuRollbackStep } from './rollback-step.ts';
import { SeedStep } from './seed.ts';
import { SourceStep } from './source.ts';
import type { HerokuStepInput } from './step-input.ts';

/**
 * Heroku backends: backup (optional) → config → source → build → release → seed (optional) →
 * healthcheck (optional). Steps are made per deployment and share one state object.
 */
export const herokuProvider: Provider<HerokuBackendConfig> = {
  name: 'heroku',
  steps(config, deps, side): Step[] {
    const state: HerokuDeployState = {};
    const input: HerokuStepInput = { config, deps, side, state };
    return [
      ...(config.backup ? [new BackupStep(input)] : []),
      new ConfigVarsStep(input),
      new SourceStep(input),
      new BuildStep(input),
      new ReleaseStep(input),
      ...(config.seed ? [new SeedStep(input, config.seed)] : []),
      ...(config.healthcheck ? [new HealthcheckStep(input, config.healthcheck)] : []),
    ];
  },
  // `/promote`: config → a release of the source app's slug (no source, no build) → healthcheck.
  promoteSteps(config, deps, side, source) {
    const release = source.outputs[`${side}.release`];
    if (!release) return undefined;
    const input: HerokuStepInput = { config, deps, side, state: {} };
    return [
      new ConfigVarsStep(input),
      new PromoteStep(input, { app: source.config.app, release }),
      ...(config.healthcheck ? [new HealthcheckStep(input, config.healthcheck)] : []),
    ];
  },
  rollbackSteps(config, deps, side, target) {
    const release = target.outputs[`${side}.release`];
    return release ? [herokuRollbackStep(config, deps, side, release)] : undefined;
  },
};
