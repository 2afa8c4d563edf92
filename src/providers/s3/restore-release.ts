import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import { ProviderError } from '../../deployments/errors.ts';
import type { StepLog } from '../../deployments/step.ts';
import { hasKeptBuild, keptBuildDir } from '../frontend-build/kept-build.ts';
import type { ProviderDeps } from '../provider.ts';
import { connectSite, localManifestsDir, type SiteRef } from './site.ts';
import { syncRelease, type SyncResult } from './sync-release.ts';

export interface RestoreRequest {
  readonly config: S3FrontendConfig;
  readonly deps: Pick<ProviderDeps, 'serverEnv' | 'workDir'>;
  readonly site: SiteRef;
  /** The earlier release (commit) whose kept build becomes the site again. */
  readonly sha: string;
  readonly log: StepLog;
  readonly signal: AbortSignal;
  /** Private networks the policy opens to the repository (the step context's `network`). */
  readonly network: readonly string[];
  /** Called with secrets the log must hide (the step context's `secret`). */
  readonly secret?: (value: string) => void;
}

/**
 * Rolls a site back to an earlier release by syncing that release's kept build (no rebuild), with
 * the same order as a deploy: assets, HTML, then deletes of what the earlier release did not have.
 */
export async function restoreRelease(request: RestoreRequest): Promise<SyncResult> {
  const { config, deps, site, sha, log, signal } = request;
  const ref = { ...site, sha };
  if (!(await hasKeptBuild(deps.workDir, ref))) {
    throw new ProviderError(
      `no kept build of ${sha.slice(0, 7)} for ${site.owner}/${site.repo} ${site.environment}: deploy that commit again instead`,
    );
  }
  const { client, target, secretAccessKey } = connectSite(config, deps, request.network);
  request.secret?.(secretAccessKey);
  try {
    log.line(`restoring ${sha.slice(0, 7)} from its kept build`);
    return await syncRelease({
      client,
      target,
      config,
      dir: keptBuildDir(deps.workDir, ref),
      sha,
      manifestsDir: localManifestsDir(deps.workDir, site),
      log,
      signal,
    });
  } finally {
    client.destroy();
  }
}
