import { loadDefaultBranchConfig } from '../deployments/load-environment-config.ts';
import { getDeployment } from '../store/deployments-store.ts';
import type { FlowServices } from './flow-services.ts';
import { newerReadyMerge, supersedeOlder } from './supersede.ts';

/**
 * Just before a merge deployment runs: when a newer merge deployment of the environment is ready
 * too (several merges landed while another deployment ran), the newest runs instead and this one
 * (with every other older one) becomes `inactive`. Returns whether this one was superseded.
 */
export async function supersededAtStart(services: FlowServices, deploymentId: number): Promise<boolean> {
  const d = await getDeployment(services.db, deploymentId);
  if (d?.state !== 'queued') return false;
  const winner = await newerReadyMerge(services, d);
  if (!winner) return false;
  const github = await services.github(d.installationId);
  const { loaded } = await loadDefaultBranchConfig(github, d);
  if (loaded.state !== 'valid' || !Object.hasOwn(loaded.config.environments, d.environment)) return false;
  const superseded = await supersedeOlder(services, github, { winner, env: loaded.config.environments[d.environment]!, starting: d.id });
  return superseded.includes(d.id);
}
