import type { HerokuBackendConfig } from '../../config/deploy-config.ts';
import { ProviderError } from '../../deployments/errors.ts';
import type { Step, StepContext } from '../../deployments/step.ts';
import type { ProviderDeps } from '../provider.ts';
import { appSchema, releaseSchema } from './api-schemas.ts';
import { registerAppSecrets } from './app-secrets.ts';
import { openHerokuSession, seg } from './session.ts';
import { waitForRelease } from './wait-release.ts';

/** `/rollback`: a new release running the slug of the release an earlier deployment made (no rebuild). */
export function herokuRollbackStep(config: HerokuBackendConfig, deps: ProviderDeps, side: 'backend' | 'frontend', release: string): Step {
  return {
    name: `${side}.rollback`,
    describe: () => `roll Heroku app ${config.app} back to release ${release} (its release phase runs again; the database is not touched)`,
    async run(ctx: StepContext) {
      const heroku = openHerokuSession(ctx, deps, config.app);
      // The release phase runs again and prints what it likes: the app's own secrets must be known first.
      await registerAppSecrets(ctx, heroku, config);
      ctx.log.line(`rolling ${config.app} back to ${release}`);
      const created = await heroku.platform.post(`/apps/${seg(config.app)}/releases`, releaseSchema, {
        body: { release: release.replace(/^v/, '') },
      });
      const { release: done, tail } = await waitForRelease(ctx, heroku.platform, config.app, created);
      if (done.status === 'failed')
        throw new ProviderError(`rollback to ${release} failed in its release phase: ${tail.telling()?.trim() ?? 'release failed'}`);
      const app = await heroku.platform.get(`/apps/${seg(config.app)}`, appSchema);
      const url = app.web_url?.replace(/\/+$/, '');
      ctx.log.line(`${release} is live again as v${done.version}`);
      // The new release is what a later rollback returns to, so it is published like a deploy's.
      return {
        outputs: { [`${side}.release`]: `v${done.version}`, ...(url && { [`${side}.url`]: url }) },
        summary: `rolled back to ${release} (as v${done.version})`,
        headline: `rolled back to ${release}`,
      };
    },
  };
}
