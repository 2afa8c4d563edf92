import type { DeployEvent, DeployEventType } from './notifier.ts';

/** The words, facts and links every chat message is built from, so that all notifiers say the same. */
export interface EventSummary {
  readonly type: DeployEventType;
  /** One line: the outcome, the repository and the environment. */
  readonly headline: string;
  readonly emoji: string;
  /** Good, bad or neutral, for colours. */
  readonly tone: 'good' | 'bad' | 'warning' | 'neutral';
  /** A second line: the description, the pull request or the lock reason. */
  readonly detail?: string;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly links: readonly { readonly title: string; readonly url: string }[];
}

const outcomes = {
  started: { emoji: '🚀', tone: 'neutral', verb: 'Deploying' },
  succeeded: { emoji: '✅', tone: 'good', verb: 'Deployed' },
  failed: { emoji: '❌', tone: 'bad', verb: 'Failed to deploy' },
  rolled_back: { emoji: '↩️', tone: 'warning', verb: 'Rolled back' },
} as const;

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** Only http(s) links go into messages: a `javascript:` URL must never become a button. */
function isWebUrl(url: string | undefined): url is string {
  if (url === undefined) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

export function summarize(event: DeployEvent): EventSummary {
  if (event.type === 'locked') {
    return {
      type: event.type,
      headline: `${event.repository}: ${event.environment} locked by ${event.actor}`,
      emoji: '🔒',
      tone: 'warning',
      ...(event.reason && { detail: event.reason }),
      facts: [
        { label: 'Environment', value: event.environment },
        { label: 'Locked by', value: event.actor },
        ...(event.expiresAt ? [{ label: 'Until', value: `${event.expiresAt.slice(0, 16).replace('T', ' ')} UTC` }] : []),
      ],
      links: [],
    };
  }
  if (event.type === 'unlocked') {
    return {
      type: event.type,
      headline: event.actor
        ? `${event.repository}: ${event.environment} unlocked by ${event.actor}`
        : `${event.repository}: ${event.environment} unlocked (the lock by ${event.lockedBy} ended)`,
      emoji: '🔓',
      tone: 'neutral',
      facts: [
        { label: 'Environment', value: event.environment },
        { label: 'Locked by', value: event.lockedBy },
        ...(event.actor ? [{ label: 'Unlocked by', value: event.actor }] : []),
      ],
      links: [],
    };
  }
  const outcome = outcomes[event.type];
  const pr = event.pullRequest;
  const prLine = pr && `Pull request #${pr.number}${pr.title ? `: ${pr.title}` : ''}`;
  const detail = event.description ?? prLine;
  return {
    type: event.type,
    headline: `${outcome.verb} ${event.repository} to ${event.environment}`,
    emoji: outcome.emoji,
    tone: outcome.tone,
    ...(detail && { detail }),
    facts: [
      { label: 'Environment', value: event.environment },
      { label: 'Commit', value: shortSha(event.sha) },
      { label: 'Ref', value: event.ref },
      ...(event.actor ? [{ label: 'By', value: event.actor }] : []),
      { label: 'Deployment', value: `#${event.deploymentId}` },
      ...(event.forcedThrough ? [{ label: 'Forced through', value: event.forcedThrough }] : []),
    ],
    links: [
      ...(isWebUrl(event.logUrl) ? [{ title: 'View log', url: event.logUrl }] : []),
      ...(isWebUrl(event.environmentUrl) ? [{ title: 'Open site', url: event.environmentUrl }] : []),
      ...(pr && isWebUrl(pr.url) ? [{ title: `Pull request #${pr.number}`, url: pr.url }] : []),
    ],
  };
}

/** Cuts text to a chat service's limit, marking the cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
