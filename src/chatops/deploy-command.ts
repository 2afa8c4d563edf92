import type { DeployConfig } from '../config/deploy-config.ts';
import { liveDeployment } from '../store/environment-view.ts';
import { authorizeEnvironment, environmentList } from './authorize.ts';
import type { Command } from './command.ts';
import type { CommandAnswer, CommandContext } from './command-context.ts';
import { maySkipChecks } from './skip-checks.ts';
import { startDeployment } from './start-deployment.ts';

interface PullInfo {
  headSha: string;
  baseRef: string;
  fromFork: boolean;
}

async function pullInfo(ctx: CommandContext): Promise<PullInfo> {
  const { owner, repo, issueNumber } = ctx.request;
  const res = await ctx.github.rest.pulls.get({ owner, repo, pull_number: issueNumber });
  const head = res.data.head;
  return { headSha: head.sha, baseRef: res.data.base.ref, fromFork: head.repo?.full_name !== `${owner}/${repo}` };
}

/** The only environment, or the one whose branch is `branch`; undefined when that is not one. */
function defaultEnvironment(config: DeployConfig, branch: string, defaultBranch: string): string | undefined {
  const names = Object.keys(config.environments);
  if (names.length === 1) return names[0];
  const matching = names.filter((n) => (config.environments[n]!.branch ?? defaultBranch) === branch);
  return matching.length === 1 ? matching[0] : undefined;
}

/** `/deploy [<ref>] [to <env>] [--dry-run]`. */
export async function deployCommand(ctx: CommandContext, cmd: Extract<Command, { kind: 'deploy' }>): Promise<CommandAnswer> {
  const { defaultBranch, isPullRequest } = ctx.request;
  const pr = isPullRequest ? await pullInfo(ctx) : undefined;
  const name = cmd.environment ?? defaultEnvironment(ctx.config, cmd.ref ?? pr?.baseRef ?? defaultBranch, defaultBranch);
  if (name === undefined) {
    return {
      ok: false,
      reply: `Which environment? Name it: \`/deploy ${cmd.ref ?? ''}${cmd.ref ? ' ' : ''}to <environment>\`. Environments: ${environmentList(ctx)}.`,
    };
  }
  const env = await authorizeEnvironment(ctx, name);
  if (!env.ok) return env;
  const skip = cmd.skipChecks ? await maySkipChecks(ctx) : undefined;
  if (skip && !skip.ok) return skip;
  let ref = cmd.ref;
  if (ref === undefined && pr) {
    // Code from a fork runs with the environment's secrets: only a ref named on purpose deploys it.
    if (pr.fromFork) {
      return {
        ok: false,
        reply: `Refused: this pull request comes from a fork. To deploy its code anyway, name it: \`/deploy ${pr.headSha} to ${name}\`.`,
      };
    }
    ref = pr.headSha;
  }
  ref ??= env.value.branch ?? defaultBranch;
  const shown = /^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : ref;
  return startDeployment(ctx, {
    environment: name,
    env: env.value,
    ref,
    task: 'deploy',
    purpose: 'deploy',
    dryRun: cmd.dryRun,
    what: `Deployment of \`${shown}\`${cmd.skipChecks ? ' without waiting for CI (--skip-checks)' : ''}`,
    ...(cmd.skipChecks && { skipChecks: true }),
    ...(cmd.force && { force: true }),
  });
}

/** `/redeploy <env>`: the sha that is live there now, again. */
export async function redeployCommand(ctx: CommandContext, cmd: Extract<Command, { kind: 'redeploy' }>): Promise<CommandAnswer> {
  const env = await authorizeEnvironment(ctx, cmd.environment);
  if (!env.ok) return env;
  const { owner, repo } = ctx.request;
  const live = await liveDeployment(ctx.services.db, { owner, repo, environment: cmd.environment });
  if (!live) return { ok: false, reply: `Nothing to redeploy: Runway has no successful deployment of **${cmd.environment}**.` };
  return startDeployment(ctx, {
    environment: cmd.environment,
    env: env.value,
    ref: live.sha,
    task: 'deploy',
    purpose: 'redeploy',
    dryRun: cmd.dryRun,
    what: `Redeployment of the live \`${live.sha.slice(0, 7)}\``,
  });
}
