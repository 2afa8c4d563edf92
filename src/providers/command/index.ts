import type { CommandConfig } from '../../config/deploy-config.ts';
import { resolveInCheckout } from '../../deployments/checkout-path.ts';
import { StepFailedError } from '../../deployments/errors.ts';
import type { Step, StepContext } from '../../deployments/step.ts';
import { interpolateEnv } from '../../deployments/interpolate-env.ts';
import type { Provider, ProviderDeps } from '../provider.ts';
import { baseCommandEnv, runShell } from '../../shell/run-shell.ts';

/** Anything scriptable: a shell command run in a checkout of the repository at the deployment SHA. */
export const commandProvider: Provider<CommandConfig> = {
  name: 'command',
  steps: (config, deps, side) => [commandStep(config, deps, side)],
};

function commandStep(config: CommandConfig, deps: ProviderDeps, side: 'backend' | 'frontend'): Step {
  return {
    name: `${side}.command`,
    describe: () => `run \`${config.run}\` in ${config.path} (timeout ${config.timeout_seconds}s)`,
    async run(ctx: StepContext) {
      const checkout = await ctx.source.dir();
      const cwd = await resolveInCheckout(ctx, config.path, `${side}.path`);
      const env = {
        ...baseCommandEnv(deps.serverEnv),
        RUNWAY_SHA: ctx.deployment.sha,
        RUNWAY_REF: ctx.deployment.ref,
        RUNWAY_ENVIRONMENT: ctx.deployment.environment,
        RUNWAY_DEPLOYMENT_ID: String(ctx.deployment.id),
        ...Object.fromEntries([...ctx.outputs].map(([k, v]) => [`RUNWAY_${k.replace(/\W/g, '_').toUpperCase()}`, v])),
        ...interpolateEnv(config.env, ctx.outputs, `${side}.env`),
      };
      ctx.log.line(`$ ${config.run}`);
      const result = await runShell({
        command: config.run,
        cwd,
        env,
        timeoutMs: config.timeout_seconds * 1000,
        signal: ctx.signal,
        onLine: (line) => ctx.log.line(line),
        sandbox: {
          use: deps.sandbox,
          repository: `${ctx.deployment.owner}/${ctx.deployment.repo}`,
          checkout,
          network: config.network,
          allowedNetworks: ctx.network,
        },
      });
      if (result.stoppedBy === 'timeout') throw new StepFailedError(`\`${config.run}\` timed out after ${config.timeout_seconds}s`);
      if (result.stoppedBy === 'abort') throw new StepFailedError(`\`${config.run}\` was stopped`);
      if (result.exitCode !== 0) {
        const last = result.lastLines.at(-1);
        throw new StepFailedError(`\`${config.run}\` exited with code ${result.exitCode}${last ? `: ${last}` : ''}`);
      }
      return config.url ? { outputs: { [`${side}.url`]: config.url.replace(/\/+$/, '') } } : {};
    },
  };
}
