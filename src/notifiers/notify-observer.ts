import type { Logger } from 'pino';
import type { DeployConfig } from '../config/deploy-config.ts';
import { flowNote } from '../flow/notification-note.ts';
import { causeOf } from '../deployments/deployment-cause.ts';
import type { DeploymentObserver, DeploymentOutcome } from '../deployments/deployment-observer.ts';
import { loadDefaultBranchConfig } from '../deployments/load-environment-config.ts';
import type { GitHubClientFactory } from '../github/github-client.ts';
import type { Redactor } from '../log/redactor.ts';
import { permittedNotifiers } from '../policy/permitted-notifiers.ts';
import type { ResourceGate } from '../policy/resource-gate.ts';
import type { DeploymentRecord } from '../store/deployments-store.ts';
import { buildNotifiers, notifyAll, type DeployEvent, type NotifyOptions } from './index.ts';

type ServerEnv = Readonly<Record<string, string | undefined>>;

export interface NotifyDeps {
  github: GitHubClientFactory;
  redactor: Redactor;
  log: Logger;
  serverEnv: ServerEnv;
  /** Which server variables (webhook URLs, secrets) each repository's notifiers may name. */
  resources: ResourceGate;
  logUrl(deploymentId: number): string;
  /** Tries, timeouts and backoff of notifyAll (its defaults otherwise). */
  options?: Omit<NotifyOptions, 'log'>;
}

/** The values of the server variables a `notify:` list names: webhook URLs and signing secrets. */
export function notifierSecrets(notify: DeployConfig['notify'], env: ServerEnv): string[] {
  const names = notify.flatMap((entry) => Object.values(entry).flatMap((v: Record<string, unknown>) => [v.webhook, v.url, v.secret]));
  return names.flatMap((name) => (typeof name === 'string' && env[name] ? [env[name]] : []));
}

/** Text that users wrote or steps printed is redacted before it reaches a chat service. */
function redactEvent(event: DeployEvent, redactor: Redactor): DeployEvent {
  const r = (text: string | undefined) => (text === undefined ? undefined : redactor.redact(text));
  if (event.type === 'locked') return { ...event, actor: r(event.actor)!, ...(event.reason !== undefined && { reason: r(event.reason)! }) };
  if (event.type === 'unlocked') return event;
  return {
    ...event,
    ref: r(event.ref)!,
    ...(event.description !== undefined && { description: r(event.description)! }),
    ...(event.forcedThrough !== undefined && { forcedThrough: r(event.forcedThrough)! }),
  };
}

/** Sends one event to the notifiers of a `notify:` list. Never throws; bounded by notifyAll's budget. */
export async function notifyConfigured(deps: NotifyDeps, notify: DeployConfig['notify'], event: DeployEvent): Promise<void> {
  // A redactor of its own for this one notification: the server-wide one hides these only while it runs.
  const redactor = deps.redactor.child(notifierSecrets(notify, deps.serverEnv));
  try {
    const { notifiers, problems } = buildNotifiers(notify, deps.serverEnv);
    for (const problem of problems) deps.log.warn({ event: event.type }, `notifier not configured: ${problem}`);
    if (notifiers.length === 0) return;
    await notifyAll(notifiers, redactEvent(event, redactor), { log: deps.log, ...deps.options });
  } finally {
    redactor.close();
  }
}

/** The outcome's description, and what the deploy flow adds (an admin's --skip-checks, a rollback's hold). */
function description(d: DeploymentRecord, outcome: DeploymentOutcome | undefined): string | undefined {
  const note = flowNote(d);
  const parts = [outcome?.description, note].filter((p): p is string => p !== undefined && p !== '');
  return parts.length === 0 ? undefined : parts.join(' · ');
}

function actorOf(d: DeploymentRecord): string | undefined {
  return causeOf(d)?.login;
}

function eventType(d: DeploymentRecord, outcome: DeploymentOutcome): DeployEvent['type'] {
  if (outcome.state !== 'success') return 'failed';
  return d.task === 'deploy:rollback' ? 'rolled_back' : 'succeeded';
}

/**
 * Chat notifications as a deployment observer. Sending happens beside the deployment, never in its
 * way: the observer returns at once and `drain()` waits for what is still being sent (at shutdown).
 */
export function notifyObserver(deps: NotifyDeps): DeploymentObserver & { drain(): Promise<void> } {
  const inFlight = new Set<Promise<void>>();
  const send = (d: DeploymentRecord, type: DeployEvent['type'], outcome?: DeploymentOutcome) => {
    const task = (async () => {
      const github = await deps.github(d.installationId);
      // `notify` names server variables: only the default branch's config may choose them.
      const { loaded, repository } = await loadDefaultBranchConfig(github, { owner: d.owner, repo: d.repo });
      if (loaded.state !== 'valid' || loaded.config.notify.length === 0) return;
      const notify = await permittedNotifiers(deps.resources, repository, loaded.config.notify, deps.log);
      const actor = actorOf(d);
      await notifyConfigured(deps, notify, {
        type: type as Exclude<DeployEvent['type'], 'locked' | 'unlocked'>,
        repository: `${d.owner}/${d.repo}`,
        environment: d.environment,
        sha: d.sha,
        ref: d.ref,
        deploymentId: d.id,
        logUrl: deps.logUrl(d.id),
        ...(outcome?.environmentUrl && { environmentUrl: outcome.environmentUrl }),
        ...(description(d, outcome) && { description: description(d, outcome) }),
        ...(actor && { actor }),
        ...(d.origin?.forcedThrough && { forcedThrough: d.origin.forcedThrough }),
      });
    })().catch((error: unknown) => deps.log.warn({ err: error, deployment: d.id }, 'could not send chat notifications'));
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };
  return {
    name: 'notify',
    started: async (d) => send(d, 'started'),
    finished: async (d, outcome) => send(d, eventType(d, outcome), outcome),
    drain: async () => {
      await Promise.all([...inFlight]);
    },
  };
}
