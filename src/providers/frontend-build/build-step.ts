import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveInCheckout } from '../../deployments/checkout-path.ts';
import { StepFailedError } from '../../deployments/errors.ts';
import type { Step, StepContext } from '../../deployments/step.ts';
import type { ProviderDeps } from '../provider.ts';
import { buildEnv } from './build-env.ts';
import { interpolateEnv } from '../../deployments/interpolate-env.ts';
import { keepBuild } from './kept-build.ts';
import { runBuild } from './run-build.ts';

/** The part of a frontend section that says how to build it. */
export interface FrontendBuildConfig {
  readonly path: string;
  readonly build?: string | undefined;
  readonly output: string;
  readonly env: Readonly<Record<string, string>>;
  readonly network: 'open' | 'none';
}

/** Output that names the build's folder (in the checkout) for later steps. */
export const keptBuildOutput = 'frontend.build_dir';

/**
 * `frontend.build`: runs the build command (if any) in the checkout, checks that the output folder has
 * files, and keeps a copy in the artifact store so a later rollback, on any replica, can sync it again
 * without a rebuild.
 */
export function frontendBuildStep(config: FrontendBuildConfig, deps: Pick<ProviderDeps, 'serverEnv' | 'sandbox' | 'artifacts'>): Step {
  return {
    name: 'frontend.build',
    describe: () =>
      config.build === undefined
        ? `use ${join(config.path, config.output)} as built (no build command)`
        : `run \`${config.build}\` in ${config.path}, then keep ${join(config.path, config.output)}`,
    async run(ctx: StepContext) {
      const checkout = await ctx.source.dir();
      const cwd = await resolveInCheckout(ctx, config.path, 'frontend.path');
      if (config.build !== undefined) {
        const env = buildEnv(deps.serverEnv, interpolateEnv(config.env, ctx.outputs));
        ctx.log.line(`$ ${config.build}`);
        const { owner, repo } = ctx.deployment;
        const sandbox = {
          use: deps.sandbox,
          repository: `${owner}/${repo}`,
          checkout,
          network: config.network,
          allowedNetworks: ctx.network,
        };
        await runBuild({ command: config.build, cwd, env, log: ctx.log, signal: ctx.signal, sandbox });
      }
      // Resolved again now that the build has ended: it may have replaced folders with links.
      const outputDir = await resolveInCheckout(ctx, join(config.path, config.output), 'frontend.output');
      await assertHasFiles(outputDir, join(config.path, config.output));
      const { owner, repo, environment, sha } = ctx.deployment;
      const files = await keepBuild(deps.artifacts, { owner, repo, environment }, sha, outputDir);
      ctx.log.line(`kept the build of ${sha.slice(0, 7)} (${files} files) for rollbacks`);
      return { outputs: { [keptBuildOutput]: outputDir } };
    },
  };
}

async function assertHasFiles(dir: string, shown: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') throw new StepFailedError(`build output ${shown} does not exist`);
    throw err;
  });
  if (!entries.some((e) => e.isFile())) throw new StepFailedError(`build output ${shown} is empty`);
}
