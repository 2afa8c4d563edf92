import type { DeployConfig, EnvironmentConfig } from '../config/deploy-config.ts';
import type { Queryable } from '../store/database.ts';
import type { DeploymentRecord } from '../store/deployments-store.ts';
import { getPreview } from '../store/previews-store.ts';
import { previewEnvironment } from './preview-environment.ts';
import { previewPullNumber } from './preview-trust.ts';

/**
 * The environment config the deploy flow (CI wait, holds, the line) uses for a deployment: the
 * default branch's environment of that name, or, for a preview deployment Runway created
 * (`pr-<number>`, trigger `preview`), the preview's environment built from its stored record.
 * Undefined when neither applies (the run then refuses the deployment with the reason).
 */
export async function flowEnvironment(
  db: Queryable,
  config: DeployConfig,
  d: Pick<DeploymentRecord, 'owner' | 'repo' | 'environment' | 'origin'>,
): Promise<EnvironmentConfig | undefined> {
  if (Object.hasOwn(config.environments, d.environment)) return config.environments[d.environment];
  const pullNumber = previewPullNumber(d.environment);
  if (d.origin?.trigger !== 'preview' || pullNumber === undefined || !config.previews) return undefined;
  const preview = await getPreview(db, { owner: d.owner, repo: d.repo, pullNumber });
  if (!preview) return undefined;
  const built = previewEnvironment(config, undefined, preview);
  return built.ok ? built.environment : undefined;
}
