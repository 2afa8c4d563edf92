import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import type { StepLog } from '../../deployments/step.ts';
import type { ProviderDeps } from '../provider.ts';
import type { SyncPlan } from './decide-sync.ts';
import { connectSite, type SiteRef } from './site.ts';
import { inspectSync } from './sync-release.ts';

export interface DryRunPlan {
  /** `s3://bucket/prefix/`. */
  readonly target: string;
  readonly upload: { key: string; reason: string; size: number; cacheControl: string }[];
  readonly delete: string[];
  readonly keepStale: string[];
  readonly unchanged: number;
  readonly plan: SyncPlan;
}

/** What a sync of `dir` would upload and delete, in order, without writing anything to the bucket. */
export async function planSync(
  config: S3FrontendConfig,
  deps: Pick<ProviderDeps, 'serverEnv' | 'artifacts'>,
  site: SiteRef,
  dir: string,
  options: { network: readonly string[]; log?: StepLog; signal?: AbortSignal; sha?: string },
): Promise<DryRunPlan> {
  const { client, target } = connectSite(config, deps, options.network);
  try {
    const { plan } = await inspectSync({
      client,
      target,
      config,
      dir,
      sha: options.sha ?? 'dry-run',
      artifacts: deps.artifacts,
      site,
      log: options.log ?? { line: () => undefined },
      signal: options.signal ?? new AbortController().signal,
    });
    return {
      target: `s3://${target.bucket}/${target.prefix}`,
      upload: [...plan.assets, ...plan.html].map((f) => ({ key: f.key, reason: f.reason, size: f.size, cacheControl: f.cacheControl })),
      delete: plan.deletes,
      keepStale: Object.keys(plan.keptStale),
      unchanged: plan.unchanged,
      plan,
    };
  } finally {
    client.destroy();
  }
}
