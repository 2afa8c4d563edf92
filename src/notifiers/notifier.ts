/** What notifiers announce. Built by the worker from a deployment and its outcome. */
export type DeployEvent =
  | {
      type: 'started' | 'succeeded' | 'failed' | 'rolled_back';
      repository: string;
      environment: string;
      sha: string;
      ref: string;
      deploymentId: number;
      logUrl: string;
      environmentUrl?: string;
      description?: string;
      actor?: string;
      pullRequest?: { number: number; url: string; title?: string };
      /** An admin's `/deploy --force`: what it passed ("the lock by @ops: demo"). */
      forcedThrough?: string;
    }
  /** `expiresAt` (ISO 8601): when a lock taken `for <n>m|h|d` lifts itself. */
  | { type: 'locked'; repository: string; environment: string; actor: string; reason?: string; expiresAt?: string }
  /** `actor` unlocked it, or (without one) the lock of `lockedBy` came to its end. */
  | { type: 'unlocked'; repository: string; environment: string; lockedBy: string; actor?: string; expired: boolean };

export type DeployEventType = DeployEvent['type'];

export interface Notifier {
  /** Names the notifier in logs: its kind and the environment variable holding its URL, never the URL. */
  readonly name: string;
  /** The events this notifier wants; all when absent. */
  readonly events?: ReadonlySet<DeployEventType>;
  /** Delivers one event; rejects on failure. Must stop when `signal` aborts. */
  send(event: DeployEvent, signal: AbortSignal): Promise<void>;
}

/** A receiver answered with a non-2xx status. Carries only the status: bodies and URLs may hold secrets. */
export class NotifierHttpError extends Error {
  constructor(readonly status: number) {
    super(`the receiver answered HTTP ${status}`);
    this.name = 'NotifierHttpError';
  }
}
