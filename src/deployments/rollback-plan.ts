import type { EnvironmentConfig, HerokuBackendConfig, S3FrontendConfig } from '../config/deploy-config.ts';
import { backendSteps, frontendSteps } from '../providers/index.ts';
import { appSchema, releaseSchema } from '../providers/heroku/api-schemas.ts';
import { openHerokuSession, seg } from '../providers/heroku/session.ts';
import { waitForRelease } from '../providers/heroku/wait-release.ts';
import type { ProviderDeps } from '../providers/provider.ts';
import { restoreRelease } from '../providers/s3/index.ts';
import type { Queryable } from '../store/database.ts';
import { getDeployment, type DeploymentRecord } from '../store/deployments-store.ts';
import { succeededDeployments } from '../store/environment-view.ts';
import { ProviderError } from './errors.ts';
import type { Step, StepContext } from './step.ts';

/** The earlier deployment a rollback returns to: the one the command named, else the latest success of that sha. */
export async function rollbackTarget(db: Queryable, d: DeploymentRecord): Promise<DeploymentRecord | undefined> {
  const named = ((d.payload.runway ?? {}) as { rollback_to?: unknown }).rollback_to;
  if (typeof named === 'number') {
    const found = await getDeployment(db, named);
    if (found && found.owner === d.owner && found.repo === d.repo && found.environment === d.environment) return found;
  }
  return (await succeededDeployments(db, d)).find((e) => e.id !== d.id && e.sha === d.sha);
}

function outputOf(d: DeploymentRecord | undefined, name: string): string | undefined {
  const outputs = (d?.summary.outputs ?? {}) as Record<string, unknown>;
  return typeof outputs[name] === 'string' ? outputs[name] : undefined;
}

/** Heroku: a new release running the slug of the release that deployment made (no rebuild). */
function herokuRollbackStep(config: HerokuBackendConfig, deps: ProviderDeps, release: string): Step {
  return {
    name: 'backend.rollback',
    describe: () => `roll Heroku app ${config.app} back to release ${release} (its release phase runs again; the database is not touched)`,
    async run(ctx: StepContext) {
      const heroku = openHerokuSession(ctx, deps, config.app);
      ctx.log.line(`rolling ${config.app} back to ${release}`);
      const created = await heroku.platform.post(`/apps/${seg(config.app)}/releases`, releaseSchema, { body: { release: release.replace(/^v/, '') } });
      const { release: done, tail } = await waitForRelease(ctx, heroku.platform, config.app, created);
      if (done.status === 'failed') throw new ProviderError(`rollback to ${release} failed in its release phase: ${tail.telling()?.trim() ?? 'release failed'}`);
      const app = await heroku.platform.get(`/apps/${seg(config.app)}`, appSchema);
      const url = app.web_url?.replace(/\/+$/, '');
      ctx.log.line(`${release} is live again as v${done.version}`);
      // The new release is what a later rollback returns to, so it is published like a deploy's.
      return { outputs: { 'backend.release': `v${done.version}`, ...(url && { 'backend.url': url }) }, summary: `rolled back to ${release} (as v${done.version})` };
    },
  };
}

/** S3: the earlier release's kept build synced again (no rebuild). */
function s3RestoreStep(config: S3FrontendConfig, deps: ProviderDeps): Step {
  return {
    name: 'frontend.restore',
    describe: () => `sync the kept build of the earlier release back to s3://${config.bucket}/${config.prefix}`,
    async run(ctx: StepContext) {
      const { owner, repo, environment, sha } = ctx.deployment;
      const result = await restoreRelease({ config, deps, site: { owner, repo, environment }, sha, log: ctx.log, signal: ctx.signal, secret: (v) => ctx.secret(v) });
      return {
        summary: `restored ${sha.slice(0, 7)}: uploaded ${result.uploaded}, deleted ${result.deleted}, ${result.unchanged} unchanged`,
        ...(config.site_url && { outputs: { 'frontend.url': config.site_url } }),
      };
    },
  };
}

/**
 * The steps of a `deploy:rollback`: providers that can go back without rebuilding do so (a Heroku
 * release rollback, an S3 re-sync of the kept build); the others deploy the earlier sha again.
 */
export async function buildRollbackPlan(db: Queryable, d: DeploymentRecord, env: EnvironmentConfig, deps: ProviderDeps): Promise<Step[]> {
  const target = await rollbackTarget(db, d);
  const steps: Step[] = [];
  if (env.backend) {
    const release = outputOf(target, 'backend.release');
    steps.push(...(env.backend.provider === 'heroku' && release ? [herokuRollbackStep(env.backend, deps, release)] : backendSteps(env.backend, deps)));
  }
  if (env.frontend) {
    steps.push(...(env.frontend.provider === 's3' ? [s3RestoreStep(env.frontend, deps)] : frontendSteps(env.frontend, deps)));
  }
  return steps;
}
