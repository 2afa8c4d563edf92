import { interpolateEnv } from '../../deployments/interpolate-env.ts';
import type { Step, StepContext, StepOutcome } from '../../deployments/step.ts';
import type { ProviderDeps } from '../provider.ts';
import { frontendBuildStep, type FrontendBuildConfig } from './build-step.ts';
import { keepBuild, withKeptBuild } from './kept-build.ts';

/** The frontend a promotion ships: the source environment's config, its published outputs and its live commit. */
export interface PromotedFrontend {
  readonly environment: string;
  readonly sha: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly config: FrontendBuildConfig;
}

/**
 * Why the target's build would differ from the source's (another command, folder or `env` value once
 * `${{ backend.url }}` and the like are filled in), or undefined when it would be the same build.
 */
export function buildDifference(
  target: FrontendBuildConfig,
  targetOutputs: Map<string, string>,
  source: PromotedFrontend,
): string | undefined {
  if (target.path !== source.config.path || target.output !== source.config.output || target.build !== source.config.build)
    return 'another build command or folder';
  let sourceEnv: Record<string, string>;
  try {
    sourceEnv = interpolateEnv(source.config.env, new Map(Object.entries(source.outputs)));
  } catch {
    return 'the source published no value for one of its env placeholders';
  }
  const targetEnv = interpolateEnv(target.env, targetOutputs);
  const names = [...new Set([...Object.keys(sourceEnv), ...Object.keys(targetEnv)])].sort();
  const differ = names.filter((n) => !Object.hasOwn(sourceEnv, n) || !Object.hasOwn(targetEnv, n) || sourceEnv[n] !== targetEnv[n]);
  return differ.length > 0 ? `env ${differ.join(', ')} differ` : undefined;
}

/**
 * `frontend.build` of a promotion: when the build would be the same as the source's, the source's
 * kept build becomes this environment's kept build (the sync step then syncs it), else the build
 * runs again here (with this environment's backend URL).
 */
export function promotedBuildStep(
  config: FrontendBuildConfig,
  deps: Pick<ProviderDeps, 'serverEnv' | 'sandbox' | 'artifacts' | 'workDir'>,
  source: PromotedFrontend,
): Step {
  const build = frontendBuildStep(config, deps);
  return {
    name: build.name,
    describe: () => `reuse the kept build of ${source.environment} if its build environment is the same, else ${build.describe()}`,
    async run(ctx: StepContext): Promise<StepOutcome | void> {
      const difference = buildDifference(config, ctx.outputs, source);
      if (difference === undefined) {
        const { owner, repo, environment } = ctx.deployment;
        const copied = await withKeptBuild(
          deps.artifacts,
          { site: { owner, repo, environment: source.environment }, sha: source.sha, workDir: deps.workDir },
          (dir) => keepBuild(deps.artifacts, { owner, repo, environment }, source.sha, dir),
        );
        if (copied.ok) {
          ctx.log.line(
            `the build environment is the same as ${source.environment}'s: its kept build of ${source.sha.slice(0, 7)} is reused (${copied.value} files)`,
          );
          return { summary: `reused the build of ${source.environment}`, headline: `frontend build of ${source.environment} reused` };
        }
        ctx.log.line(`${source.environment} has no kept build of ${source.sha.slice(0, 7)}: building again`);
      } else {
        ctx.log.line(`building again for this environment: ${difference} from ${source.environment}'s build`);
      }
      return build.run(ctx);
    },
    ...(build.undo && { undo: build.undo.bind(build) }),
  };
}
