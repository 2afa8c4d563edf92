import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import { StepFailedError } from '../../deployments/errors.ts';
import type { Step, StepContext } from '../../deployments/step.ts';
import { keptBuildOutput } from '../frontend-build/build-step.ts';
import type { ProviderDeps } from '../provider.ts';
import { withKeptBuild } from '../frontend-build/kept-build.ts';
import { readCurrentManifest } from './manifest.ts';
import { formatBytes } from './progress.ts';
import { restoreRelease } from './restore-release.ts';
import { connectSite } from './site.ts';
import { syncRelease } from './sync-release.ts';
import { describeTarget, s3Target } from './target.ts';

/** `frontend.sync`: makes the bucket serve this deployment's kept build; undo restores the one before. */
export function syncStep(config: S3FrontendConfig, deps: Pick<ProviderDeps, 'serverEnv' | 'workDir' | 'artifacts'>): Step {
  const shown = describeTarget(s3Target(config, deps.serverEnv));
  return {
    name: 'frontend.sync',
    describe: () => `sync the build to ${shown} (changed files by content, HTML after assets, stale files deleted last)`,
    async run(ctx: StepContext) {
      const { owner, repo, environment, sha } = ctx.deployment;
      const site = { owner, repo, environment };
      const { client, target, secretAccessKey } = connectSite(config, deps, ctx.network);
      ctx.secret(secretAccessKey);
      try {
        const sync = (dir: string) =>
          syncRelease({ client, target, config, dir, sha, artifacts: deps.artifacts, site, log: ctx.log, signal: ctx.signal });
        // The build step's folder; else (a step run on its own) the kept build of this commit.
        const built = ctx.outputs.get(keptBuildOutput);
        const kept = built === undefined ? await withKeptBuild(deps.artifacts, { site, sha, workDir: deps.workDir }, sync) : undefined;
        if (kept?.ok === false) throw new StepFailedError(`no build of ${sha.slice(0, 7)} to sync: frontend.build did not run`);
        const result = kept?.ok ? kept.value : await sync(built!);
        const summary = `uploaded ${result.uploaded} files (${formatBytes(result.uploadedBytes)}), deleted ${result.deleted}, ${result.unchanged} unchanged`;
        ctx.log.line(`synced ${shown}: ${summary}`);
        return {
          summary,
          headline: `synced ${result.uploaded} file${result.uploaded === 1 ? '' : 's'}, deleted ${result.deleted}`,
          ...(config.site_url === undefined ? {} : { outputs: { 'frontend.url': config.site_url } }),
        };
      } finally {
        client.destroy();
      }
    },
    async undo(ctx: StepContext) {
      const { owner, repo, environment, sha } = ctx.deployment;
      const current = await readCurrentManifest(deps.artifacts, { owner, repo, environment });
      // If this sync finished, the live manifest is ours and names the release before it; if it
      // stopped half-way, the live manifest is still the release before.
      const earlier = current === undefined ? null : current.sha === sha ? current.previous : current.sha;
      if (earlier === null) {
        ctx.log.line(`no earlier release of ${shown} to restore; leaving it as it is`);
        return { summary: 'no earlier frontend release to restore' };
      }
      await restoreRelease({
        config,
        deps,
        site: { owner, repo, environment },
        sha: earlier,
        log: ctx.log,
        signal: ctx.signal,
        network: ctx.network,
        secret: (v) => ctx.secret(v),
      });
      return { summary: `frontend restored to ${earlier.slice(0, 7)}` };
    },
  };
}
