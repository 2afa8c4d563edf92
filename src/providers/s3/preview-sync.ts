import { join } from 'node:path';
import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import { resolveInCheckout } from '../../deployments/checkout-path.ts';
import { interpolateEnv } from '../../deployments/interpolate-env.ts';
import { buildEnv } from '../frontend-build/build-env.ts';
import { withKeptBuild } from '../frontend-build/kept-build.ts';
import { runBuild } from '../frontend-build/run-build.ts';
import type { PreviewInput, ProviderDeps } from '../provider.ts';
import { planSync, type DryRunPlan } from './plan-sync.ts';

/** How many file names a dry-run reply lists before it only counts. */
const LISTED = 25;

/**
 * `--dry-run` for an S3 frontend: the files a sync of this commit's build would upload and delete.
 * The build of that commit is reused when one is kept; otherwise it is built in the dry run's own
 * checkout (with the live backend URL) and thrown away with it. The bucket is only read.
 */
export async function previewSync(config: S3FrontendConfig, deps: ProviderDeps, input: PreviewInput): Promise<string[]> {
  const { owner, repo, environment, sha } = input.deployment;
  const site = { owner, repo, environment };
  const plan = (dir: string) => planSync(config, deps, site, dir, { signal: input.signal, sha, network: input.network });
  const kept = await withKeptBuild(deps.artifacts, { site, sha, workDir: deps.workDir }, plan);
  return describePlan(kept.ok ? kept.value : await plan(await buildForPreview(config, deps, input)));
}

/** Builds this commit in the dry run's own checkout (with the live backend URL); thrown away with it. */
async function buildForPreview(config: S3FrontendConfig, deps: ProviderDeps, input: PreviewInput): Promise<string> {
  const checkout = await input.source.dir();
  const cwd = await resolveInCheckout(input, config.path, 'frontend.path');
  if (config.build !== undefined) {
    const env = buildEnv(deps.serverEnv, interpolateEnv(config.env, input.outputs));
    const { owner, repo } = input.deployment;
    const sandbox = {
      use: deps.sandbox,
      repository: `${owner}/${repo}`,
      checkout,
      network: config.network,
      allowedNetworks: input.network,
    };
    await runBuild({ command: config.build, cwd, env, log: { line: () => undefined }, signal: input.signal, sandbox });
  }
  // Resolved again now that the build has ended: it may have replaced folders with links.
  return resolveInCheckout(input, join(config.path, config.output), 'frontend.output');
}

function describePlan(plan: DryRunPlan): string[] {
  const bytes = plan.upload.reduce((sum, f) => sum + f.size, 0);
  const lines = [
    `\`frontend.sync\` would upload ${plan.upload.length} file${plan.upload.length === 1 ? '' : 's'} (${(bytes / 1024).toFixed(1)} KiB) to ${plan.target}, ` +
      `delete ${plan.delete.length}, keep ${plan.keepStale.length} stale a while, and leave ${plan.unchanged} unchanged:`,
    ...plan.upload.slice(0, LISTED).map((f) => `   - upload \`${f.key}\` (${f.reason}, ${f.cacheControl})`),
    ...plan.delete.slice(0, Math.max(0, LISTED - plan.upload.length)).map((key) => `   - delete \`${key}\``),
  ];
  const listed = Math.min(plan.upload.length, LISTED) + Math.min(plan.delete.length, Math.max(0, LISTED - plan.upload.length));
  const more = plan.upload.length + plan.delete.length - listed;
  if (more > 0) lines.push(`   - … and ${more} more`);
  return lines;
}
