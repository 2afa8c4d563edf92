import type { DeploymentRecord } from '../store/deployments-store.ts';

/**
 * Whoever caused a deployment, the one `deployers` is checked against. `push`, `tag` and `release`
 * are for triggers added later (the pusher, the tagger, the release author): give them a Cause and
 * `authorizeCause` checks them like the others.
 */
export interface Cause {
  readonly kind: 'command' | 'merge' | 'deployment' | 'push' | 'tag' | 'release' | 'preview';
  readonly login: string;
  readonly type: 'User' | 'Bot';
}

const said: Readonly<Record<Cause['kind'], string>> = {
  command: 'requested by',
  merge: 'merged by',
  deployment: 'created by',
  push: 'pushed by',
  tag: 'tagged by',
  release: 'released by',
  preview: 'preview asked for by',
};

/**
 * The cause of a deployment: the commenter or merger Runway recorded when it created it, else
 * GitHub's `deployment.creator` (from the signed webhook; never the payload).
 */
export function causeOf(d: Pick<DeploymentRecord, 'origin' | 'creator' | 'creatorType'>): Cause | undefined {
  if (d.origin) return { kind: d.origin.trigger, login: d.origin.actor, type: d.origin.actorType };
  if (d.creator === null) return undefined;
  return { kind: 'deployment', login: d.creator, type: d.creatorType ?? 'User' };
}

/** "merged by @lead", for statuses, comments and chat. */
export function describeCause(c: Cause): string {
  return `${said[c.kind]} @${c.login}`;
}

/** GitHub Apps act as `<slug>[bot]` users of type Bot. */
export function isBot(c: Pick<Cause, 'login' | 'type'>): boolean {
  return c.type === 'Bot' || c.login.toLowerCase().endsWith('[bot]');
}
