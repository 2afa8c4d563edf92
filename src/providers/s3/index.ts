import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import { frontendBuildStep } from '../frontend-build/build-step.ts';
import { promotedBuildStep } from '../frontend-build/promoted-build-step.ts';
import type { Provider } from '../provider.ts';
import { previewSync } from './preview-sync.ts';
import { s3RestoreStep } from './restore-step.ts';
import { smokeStep } from './smoke-step.ts';
import { syncStep } from './sync-step.ts';

export { planSync, type DryRunPlan } from './plan-sync.ts';
export { restoreRelease, type RestoreRequest } from './restore-release.ts';
export type { SyncResult } from './sync-release.ts';

/** Frontend on S3 (or an S3-compatible server): build, sync, smoke. */
export const s3Provider: Provider<S3FrontendConfig> = {
  name: 's3',
  steps(config, deps, side) {
    if (side !== 'frontend') throw new Error('the s3 provider only deploys frontends');
    return [frontendBuildStep(config, deps), syncStep(config, deps), smokeStep(config, deps)];
  },
  rollbackSteps(config, deps, side, target) {
    return [s3RestoreStep(config, deps, side, target.sha), smokeStep(config, deps)];
  },
  // `/promote`: the source's kept build when the build would be the same, else a build here; then sync and smoke.
  promoteSteps(config, deps, side, source) {
    if (side !== 'frontend') throw new Error('the s3 provider only deploys frontends');
    return [promotedBuildStep(config, deps, source), syncStep(config, deps), smokeStep(config, deps)];
  },
  preview: (config, deps, _side, input) => previewSync(config, deps, input),
};
