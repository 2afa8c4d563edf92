import { randomUUID } from 'node:crypto';
import { DeployError } from '../deployments/errors.ts';
import { checkTrust, requireTrusted } from '../deployments/trust-check.ts';
import { buildPlan } from '../deployments/plan.ts';
import { promoteSteps } from '../deployments/promote-plan.ts';
import { publishedOutputs, rollbackSteps } from '../deployments/rollback-plan.ts';
import { describeError } from '../deployments/run-steps.ts';
import { GitHubSourceTree } from '../deployments/source-checkout.ts';
import { admitDeployment } from '../policy/admit-deployment.ts';
import { previewPlan } from '../providers/index.ts';
import { getDeployment } from '../store/deployments-store.ts';
import { liveDeployment } from '../store/environment-view.ts';
import type { CommandAnswer, CommandContext } from './command-context.ts';
import type { DeploymentRequest } from './start-deployment.ts';

/**
 * The plan a command would run, built exactly as the runner builds it (config at the sha, each
 * step's `describe()`), without creating a deployment or touching a provider.
 */
export async function dryRunReply(ctx: CommandContext, r: DeploymentRequest): Promise<CommandAnswer> {
  const { owner, repo } = ctx.request;
  try {
    const commit = await ctx.github.rest.repos.getCommit({ owner, repo, ref: r.ref });
    const sha = commit.data.sha;
    // The same checks a deployment passes before its first step: a dry run shows what would really run.
    const loaded = requireTrusted(await checkTrust(ctx.github, { owner, repo, sha, environment: r.environment, purpose: r.purpose }));
    const { environment } = loaded;
    // The policy holds for dry runs too: a preview lists the bucket the config names.
    const quiet = { line: () => undefined };
    const where = { owner, repo, environment: r.environment };
    const { network } = await admitDeployment(ctx.services.resources, where, loaded, quiet, { dryRun: true });
    const deps = ctx.services.providerDeps;
    const target = r.rollbackTo === undefined ? undefined : await getDeployment(ctx.services.db, r.rollbackTo);
    const source = r.promoteFrom === undefined ? undefined : await getDeployment(ctx.services.db, r.promoteFrom);
    const steps = source
      ? await promoteSteps(source, loaded.config, { name: r.environment, env: environment }, deps)
      : target
        ? await rollbackSteps(target, target.sha, environment, deps)
        : await buildPlan(environment, deps);
    const preview = target || source ? [] : await previewChanges(ctx, environment, { ...where, sha }, network);
    const lines = [
      `**Dry run:** ${r.what} (\`${sha.slice(0, 7)}\`) to **${r.environment}** would run ${steps.length} step${steps.length === 1 ? '' : 's'}:`,
      '',
      ...steps.map((s, i) => `${i + 1}. \`${s.name}\`: ${s.describe()}`),
      ...(preview.length > 0 ? ['', ...preview] : []),
      '',
      'Nothing was changed: no deployment was created.',
    ];
    return { ok: true, reply: lines.join('\n') };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (status === 404 || status === 422) return { ok: false, reply: `Dry run refused: GitHub does not know the ref \`${r.ref}\`.` };
    if (!(error instanceof DeployError)) ctx.services.log.error({ err: error }, 'dry run failed unexpectedly');
    return { ok: false, reply: `Dry run failed: ${describeError(error)}.` };
  }
}

/**
 * What the providers can say in detail (the files a sync would upload), from a checkout of the
 * commit that is thrown away afterwards; outputs of the steps that would run first (the backend
 * URL) are those of what is live now.
 */
async function previewChanges(
  ctx: CommandContext,
  environment: Parameters<typeof previewPlan>[0],
  deployment: { owner: string; repo: string; environment: string; sha: string },
  network: readonly string[],
): Promise<string[]> {
  const deps = ctx.services.providerDeps;
  const live = await liveDeployment(ctx.services.db, deployment);
  const outputs = Object.entries(publishedOutputs(live));
  const source = new GitHubSourceTree(ctx.github, deployment, deps.workDir, `dry-run-${randomUUID()}`);
  try {
    return await previewPlan(environment, deps, {
      deployment,
      source,
      outputs: new Map(outputs),
      signal: AbortSignal.timeout(15 * 60_000),
      network,
    });
  } finally {
    await source.cleanup();
  }
}
