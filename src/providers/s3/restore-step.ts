import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import type { Step, StepContext } from '../../deployments/step.ts';
import type { ProviderDeps } from '../provider.ts';
import { restoreRelease } from './restore-release.ts';

/** `/rollback`: the earlier release's kept build synced again (no rebuild). */
export function s3RestoreStep(config: S3FrontendConfig, deps: ProviderDeps, side: 'backend' | 'frontend', sha: string): Step {
  return {
    name: `${side}.restore`,
    describe: () => `sync the kept build of ${sha.slice(0, 7)} back to s3://${config.bucket}/${config.prefix}`,
    async run(ctx: StepContext) {
      const { owner, repo, environment } = ctx.deployment;
      const result = await restoreRelease({
        config,
        deps,
        site: { owner, repo, environment },
        sha,
        log: ctx.log,
        signal: ctx.signal,
        network: ctx.network,
        secret: (v) => ctx.secret(v),
      });
      return {
        summary: `restored ${sha.slice(0, 7)}: uploaded ${result.uploaded}, deleted ${result.deleted}, ${result.unchanged} unchanged`,
        headline: `frontend restored to ${sha.slice(0, 7)}`,
        ...(config.site_url && { outputs: { [`${side}.url`]: config.site_url } }),
      };
    },
  };
}
