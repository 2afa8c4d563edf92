import type { DeployConfig, NotifierConfig } from '../config/deploy-config.ts';
import { createDiscordNotifier } from './discord.ts';
import type { DeployEventType, Notifier } from './notifier.ts';
import { createSlackNotifier } from './slack.ts';
import { createTeamsNotifier } from './teams.ts';
import { createWebhookNotifier } from './webhook.ts';

export type { DeployEvent, DeployEventType, Notifier } from './notifier.ts';
export { NotifierHttpError } from './notifier.ts';
export { notifyAll, notifyBudgetMs, type NotifyLog, type NotifyOptions, type NotifySummary } from './notify-all.ts';
export { verifyRunwaySignature, signRunwayPayload, type SignatureCheck } from './webhook-signature.ts';

type ServerEnv = Readonly<Record<string, string | undefined>>;

/** Reads the named server variables; problems name the variable, never its value. */
class Resolver {
  readonly problems: string[] = [];
  constructor(
    private readonly env: ServerEnv,
    private readonly where: string,
  ) {}

  secret(name: string): string | undefined {
    const value = this.env[name];
    if (value === undefined || value.trim() === '') {
      this.problems.push(`${this.where}: server environment variable ${name} is not set`);
      return undefined;
    }
    return value;
  }

  url(name: string): string | undefined {
    const value = this.secret(name);
    if (value === undefined) return undefined;
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
      this.problems.push(`${this.where}: server environment variable ${name} does not hold an http(s) URL`);
      return undefined;
    }
    return value;
  }
}

function eventSet(events: DeployEventType[] | undefined): { events?: ReadonlySet<DeployEventType> } {
  return events ? { events: new Set(events) } : {};
}

/** One entry of `notify:` → its notifier; each kind is one line here and one file beside it. */
function build(entry: NotifierConfig, resolve: Resolver): Notifier | undefined {
  if ('slack' in entry) {
    const url = resolve.url(entry.slack.webhook);
    return url ? createSlackNotifier({ name: `slack:${entry.slack.webhook}`, url, ...eventSet(entry.slack.events) }) : undefined;
  }
  if ('discord' in entry) {
    const url = resolve.url(entry.discord.webhook);
    return url ? createDiscordNotifier({ name: `discord:${entry.discord.webhook}`, url, ...eventSet(entry.discord.events) }) : undefined;
  }
  if ('teams' in entry) {
    const url = resolve.url(entry.teams.webhook);
    return url ? createTeamsNotifier({ name: `teams:${entry.teams.webhook}`, url, ...eventSet(entry.teams.events) }) : undefined;
  }
  const url = resolve.url(entry.webhook.url);
  const secret = resolve.secret(entry.webhook.secret);
  return url && secret
    ? createWebhookNotifier({ name: `webhook:${entry.webhook.url}`, url, secret, ...eventSet(entry.webhook.events) })
    : undefined;
}

/** The notifiers of a repository's `notify:` list, with the server variables they name resolved. */
export function buildNotifiers(config: DeployConfig['notify'], serverEnv: ServerEnv): { notifiers: Notifier[]; problems: string[] } {
  const notifiers: Notifier[] = [];
  const problems: string[] = [];
  config.forEach((entry, index) => {
    const resolve = new Resolver(serverEnv, `notify[${index}] (${Object.keys(entry)[0] ?? 'unknown'})`);
    const notifier = build(entry, resolve);
    if (notifier) notifiers.push(notifier);
    problems.push(...resolve.problems);
  });
  return { notifiers, problems };
}
