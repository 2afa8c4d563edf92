import type { Logger } from 'pino';
import type { GitHubClientFactory } from '../github/github-client.ts';
import { postDeploymentStatus } from '../github/deployments-api.ts';
import type { Redactor } from '../log/redactor.ts';
import { admitDeployment } from '../policy/admit-deployment.ts';
import type { ResourceGate } from '../policy/resource-gate.ts';
import type { ProviderDeps } from '../providers/provider.ts';
import type { Database } from '../store/database.ts';
import { getDeployment, markOlderInactive, mergeSummary, moveDeployment, type DeploymentRecord } from '../store/deployments-store.ts';
import type { DeployConfig, EnvironmentConfig } from '../config/deploy-config.ts';
import { checkPreviewBeforeSteps } from '../previews/preview-trust.ts';
import { checkBeforeSteps } from './check-before-steps.ts';
import { DeploymentLog } from './deployment-log.ts';
import type { LogCap } from './log-cap.ts';
import type { DeploymentObserver, DeploymentOutcome } from './deployment-observer.ts';
import { finalStates } from './deployment-state.ts';
import { CancelledError } from '../flow/cancelled-error.ts';
import { holdAfterRollback } from '../flow/hold-after-rollback.ts';
import { DeployError } from './errors.ts';
import { oneLine } from './one-line.ts';
import { buildPlan } from './plan.ts';
import { buildPromotePlan } from './promote-plan.ts';
import { buildRollbackPlan } from './rollback-plan.ts';
import { describeError, runSteps } from './run-steps.ts';
import { observerCaller } from './observer-caller.ts';
import { GitHubSourceTree } from './source-checkout.ts';
import type { StepContext } from './step.ts';
import { formatMinutes, timeLimit, TimeLimitError } from './time-limit.ts';

export interface DeploymentServices {
  db: Database;
  github: GitHubClientFactory;
  providerDeps: ProviderDeps;
  redactor: Redactor;
  /** Which apps, buckets, endpoints, variables and networks each repository may use. */
  resources: ResourceGate;
  log: Logger;
  /** The URL of a deployment's log page. */
  logUrl(deploymentId: number): string;
  observers: DeploymentObserver[];
  /** The most lines and bytes one deployment's log keeps. */
  logCap: LogCap;
  /** Now, for deadlines that are stored (a wait for CI), lock ends and freeze windows; tests move it forward. */
  clock: () => Date;
  /** How often a deployment waiting for CI asks GitHub again when no check webhook prompts it. */
  checksPollSeconds: number;
}

/** Runs one deployment from `queued` to its final state, reporting each state to GitHub. */
export async function runDeployment(services: DeploymentServices, deploymentId: number, signal: AbortSignal): Promise<void> {
  const { db } = services;
  const deployment = await getDeployment(db, deploymentId);
  if (!deployment || finalStates.includes(deployment.state)) return;
  const github = await services.github(deployment.installationId);
  const redactor = services.redactor.child();
  const log = await DeploymentLog.open(db, deploymentId, redactor, services.log, services.logCap);
  const logUrl = services.logUrl(deploymentId);
  const repo = { owner: deployment.owner, repo: deployment.repo };
  const report = async (state: 'in_progress' | DeploymentOutcome['state'], description: string, environmentUrl?: string) => {
    try {
      await postDeploymentStatus(github, {
        ...repo,
        deploymentId: deployment.githubId,
        state,
        description: oneLine(description, redactor),
        logUrl,
        environmentUrl,
      });
    } catch (error) {
      log.line(`could not post the ${state} status to GitHub: ${(error as Error).message}`);
      services.log.error({ err: error, deployment: deploymentId }, 'could not post a deployment status');
    }
  };
  const observe = observerCaller(services, deploymentId);

  // The deployment's time limit counts from here: time spent in line or behind a lock is not run time.
  const startedAt = Date.now();
  // Superseded or cancelled between the claim and here: it does not start.
  if (!(await moveDeployment(db, deploymentId, 'in_progress'))) return;
  // Not waited for before the work starts; the final status waits for it, so GitHub still gets
  // `in_progress` before the outcome (`report` never throws).
  const inProgress = report('in_progress', `deploying ${deployment.sha.slice(0, 7)} to ${deployment.environment}`);
  log.line(`Deploying ${deployment.owner}/${deployment.repo}@${deployment.sha} (${deployment.ref}) to ${deployment.environment}`);
  if (deployment.origin?.skipChecks) log.line(`CI checks not waited for: /deploy --skip-checks by @${deployment.origin.actor}`);
  const forced = deployment.origin?.forcedThrough;
  if (forced) log.line(`⚠️ Forced by @${deployment.origin!.actor} (admin, /deploy --force) through: ${forced}`);
  observe.tell('started');

  /** Records and reports the outcome, then tells the observers (and waits for them). */
  const finish = async (outcome: DeploymentOutcome) => {
    const description = oneLine(outcome.description, redactor);
    log.line(outcome.state === 'success' ? `Deployed: ${description}` : `Deployment ${outcome.state}: ${description}`);
    await log.flush();
    await moveDeployment(db, deploymentId, outcome.state, { description, environmentUrl: outcome.environmentUrl ?? null });
    await inProgress;
    await Promise.all([
      report(outcome.state, description, outcome.environmentUrl),
      outcome.state === 'success' ? markOlderInactive(db, deployment) : undefined,
    ]);
    observe.tell('finished', { ...outcome, description });
    await observe.settled();
    // What leaves later (PR comment, chat) was redacted when it was stored; the server log may forget them.
    redactor.close();
  };

  const source = new GitHubSourceTree(github, deployment, services.providerDeps.workDir, String(deployment.id));
  // Every step of a deployment of code starts from its source: fetched while the checks before the
  // steps run (nothing in it runs unless they pass). Rollbacks and promotions may need none.
  if (deployment.task === 'deploy') source.prefetch();
  let outcome: DeploymentOutcome;
  try {
    outcome = await execute(services, deployment, {
      github,
      log,
      source,
      signal,
      startedAt,
      redactor,
      stepChanged: async () => observe.tell('stepChanged'),
    });
  } catch (error) {
    if (!(error instanceof DeployError)) services.log.error({ err: error, deployment: deploymentId }, 'deployment failed unexpectedly');
    outcome = { state: error instanceof DeployError ? error.state : 'error', description: describeError(error), rolledBack: [] };
    log.line(`✖ ${outcome.description}`);
  }
  // The checkout goes once GitHub knows the outcome (removing a large one takes a while); a
  // failure before that still removes it.
  try {
    await finish(outcome);
  } finally {
    await source.cleanup().catch((error: unknown) => services.log.warn({ err: error }, 'could not remove a checkout'));
  }
}

async function execute(
  services: DeploymentServices,
  deployment: DeploymentRecord,
  run: {
    github: Awaited<ReturnType<GitHubClientFactory>>;
    log: DeploymentLog;
    source: GitHubSourceTree;
    signal: AbortSignal;
    startedAt: number;
    redactor: Redactor;
    stepChanged: () => Promise<void>;
  },
): Promise<DeploymentOutcome> {
  // A preview (issue 16) runs the steps of `previews.from` against its own app and prefix.
  const loaded =
    deployment.origin?.trigger === 'preview'
      ? await checkPreviewBeforeSteps(services.db, run.github, deployment)
      : await checkBeforeSteps(run.github, deployment);
  const { config, environment } = loaded;
  const { network } = await admitDeployment(services.resources, deployment, loaded, run.log);
  const minutes = environment.timeout_minutes;
  const limit = timeLimit(
    run.signal,
    minutes * 60_000 - (Date.now() - run.startedAt),
    () => new TimeLimitError(`the deployment ran longer than ${formatMinutes(minutes)} (timeout_minutes) and was stopped`),
  );
  try {
    // Not raced: the running step is (run-steps.ts), and the undo that follows must finish before
    // the environment is free for the next deployment.
    return await runPlan(services, deployment, { config, environment }, { ...run, signal: limit.signal, network });
  } catch (error) {
    throw limit.signal.aborted && limit.signal.reason instanceof DeployError ? limit.signal.reason : error;
  } finally {
    limit.clear();
  }
}

async function runPlan(
  services: DeploymentServices,
  deployment: DeploymentRecord,
  { config, environment }: { config: DeployConfig; environment: EnvironmentConfig },
  run: {
    log: DeploymentLog;
    source: GitHubSourceTree;
    signal: AbortSignal;
    redactor: Redactor;
    stepChanged: () => Promise<void>;
    network: readonly string[];
  },
): Promise<DeploymentOutcome> {
  const steps =
    deployment.task === 'deploy:rollback'
      ? await buildRollbackPlan(services.db, deployment, environment, services.providerDeps)
      : deployment.task === 'deploy:promote'
        ? await buildPromotePlan(services.db, deployment, config, environment, services.providerDeps)
        : await buildPlan(environment, services.providerDeps);
  const ctx: StepContext = {
    deployment,
    log: run.log,
    outputs: new Map(),
    source: run.source,
    signal: run.signal,
    secret: (value) => run.redactor.add(value),
    network: run.network,
  };
  const result = await runSteps({
    db: services.db,
    deploymentId: deployment.id,
    steps,
    ctx,
    log: run.log,
    serverLog: services.log,
    stepTimeoutMinutes: environment.step_timeout_minutes,
    onChange: run.stepChanged,
  });
  const outputs = Object.fromEntries(ctx.outputs);
  await mergeSummary(services.db, deployment.id, { outputs, notes: result.summaries });
  if (!result.ok) {
    const reason = describeError(result.error);
    const state = result.error instanceof DeployError ? result.error.state : 'error';
    // What was undone goes before the reason: a long reason is what the 140-character limit cuts.
    const undone = result.summaries.length > 0 ? ` (${result.summaries.join('; ')})` : '';
    // `hold_after_undo`: a release that went live and was rolled back holds the environment, as /rollback does.
    if (environment.hold_after_undo && result.undone.length > 0 && !(result.error instanceof CancelledError))
      await holdAfterRollback(services.db, { rolledBack: deployment, actor: 'runway' });
    if (result.error instanceof CancelledError)
      return { state, description: `${reason} during ${result.failedStep}${undone}`, rolledBack: result.summaries };
    return { state, description: `${result.failedStep} failed${undone}: ${reason}`, rolledBack: result.summaries };
  }
  const environmentUrl = environment.url ?? outputs['frontend.url'] ?? outputs['backend.url'];
  const notes =
    result.headlines.length > 0 ? `: ${result.headlines.join('; ')}` : ` (${steps.length} step${steps.length === 1 ? '' : 's'})`;
  return {
    state: 'success',
    description: `deployed ${deployment.sha.slice(0, 7)} to ${deployment.environment}${notes}`,
    environmentUrl,
    rolledBack: [],
  };
}
