import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import { ProviderError } from '../../deployments/errors.ts';
import type { StepLog } from '../../deployments/step.ts';
import { withKeptBuild } from '../frontend-build/kept-build.ts';
import type { ProviderDeps } from '../provider.ts';
import { connectSite, type SiteRef } from './site.ts';
import { syncRelease, type SyncResult } from './sync-release.ts';

export interface RestoreRequest {
  readonly config: S3FrontendConfig;
  readonly deps: Pick<ProviderDeps, 'serverEnv' | 'workDir' | 'artifacts'>;
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
 * The build comes from the artifact store, so this works on any replica.
 */
export async function restoreRelease(request: RestoreRequest): Promise<SyncResult> {
  const { config, deps, site, sha, log, signal } = request;
  const { client, target, secretAccessKey } = connectSite(config, deps, request.network);
  request.secret?.(secretAccessKey);
  try {
    const restored = await withKeptBuild(deps.artifacts, { site, sha, workDir: deps.workDir }, (dir) => {
      log.line(`restoring ${sha.slice(0, 7)} from its kept build`);
      return syncRelease({ client, target, config, dir, sha, artifacts: deps.artifacts, site, log, signal });
    });
    if (!restored.ok) {
      throw new ProviderError(
        `no kept build of ${sha.slice(0, 7)} for ${site.owner}/${site.repo} ${site.environment}: deploy that commit again instead`,
      );
    }
    return restored.value;
  } finally {
    client.destroy();
  }
}
