import { NotifierHttpError, type DeployEvent, type Notifier } from './notifier.ts';

/** The part of a pino logger notifyAll uses. */
export interface NotifyLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export interface NotifyOptions {
  readonly log: NotifyLog;
  /** Tries per notifier, the first included. */
  readonly attempts?: number;
  /** Bound of one try. */
  readonly timeoutMs?: number;
  /** Wait before the second try; doubles after each further failure. */
  readonly backoffMs?: number;
}

export type FailureKind = 'http' | 'timeout' | 'network' | 'deadline';

export interface NotifySummary {
  readonly delivered: string[];
  readonly failed: { notifier: string; attempts: number; kind: FailureKind; status?: number }[];
  /** Notifiers whose `events` leave this event out. */
  readonly skipped: string[];
}

type Outcome =
  | { notifier: string; delivered: true; attempts: number }
  | { notifier: string; delivered: false; attempts: number; kind: FailureKind; status?: number };

// Lets the last try's own timeout fire (and be reported as a timeout) before the overall cut-off.
const deadlineGraceMs = 250;

/** The longest notifyAll may take: every try timing out, the waits between them, and a little grace. */
export function notifyBudgetMs(attempts: number, timeoutMs: number, backoffMs: number): number {
  let waits = 0;
  for (let i = 1; i < attempts; i++) waits += backoffMs * 2 ** (i - 1);
  return attempts * timeoutMs + waits + deadlineGraceMs;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Safe to log: a status and a system error code such as ECONNREFUSED, never a message (it may hold the URL). */
function describeFailure(
  error: unknown,
  timeout: AbortSignal,
  deadline: AbortSignal,
): { kind: FailureKind; status?: number; code?: string } {
  if (error instanceof NotifierHttpError) return { kind: 'http', status: error.status };
  if (timeout.aborted) return { kind: 'timeout' };
  if (deadline.aborted) return { kind: 'deadline' };
  const cause: unknown = error instanceof Error ? (error.cause ?? error) : undefined;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
  return { kind: 'network', ...(typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) && { code }) };
}

function isRetryable(failure: { kind: FailureKind; status?: number }): boolean {
  if (failure.kind === 'deadline') return false;
  if (failure.kind !== 'http' || failure.status === undefined) return true;
  // A 4xx other than these means a broken or revoked webhook: trying again cannot help.
  return failure.status >= 500 || failure.status === 429 || failure.status === 408;
}

async function deliver(notifier: Notifier, event: DeployEvent, options: Required<NotifyOptions>, deadline: AbortSignal): Promise<Outcome> {
  const { log, attempts, timeoutMs, backoffMs } = options;
  for (let attempt = 1; ; attempt++) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([timeout, deadline]);
    try {
      await notifier.send(event, signal);
      log.info({ notifier: notifier.name, event: event.type, attempt }, 'notification delivered');
      return { notifier: notifier.name, delivered: true, attempts: attempt };
    } catch (error) {
      const failure = describeFailure(error, timeout, deadline);
      const last = attempt >= attempts || !isRetryable(failure);
      log.warn({ notifier: notifier.name, event: event.type, attempt, ...failure, willRetry: !last }, 'notification failed');
      if (last) {
        const { kind, status } = failure;
        return { notifier: notifier.name, delivered: false, attempts: attempt, kind, ...(status !== undefined && { status }) };
      }
      await sleep(backoffMs * 2 ** (attempt - 1), deadline);
    }
  }
}

/**
 * Sends an event to every notifier that wants it, in parallel, each with bounded retries. Never
 * throws, and resolves within `notifyBudgetMs(attempts, timeoutMs, backoffMs)` even when a
 * notifier ignores its abort signal.
 */
export async function notifyAll(notifiers: readonly Notifier[], event: DeployEvent, options: NotifyOptions): Promise<NotifySummary> {
  const settings: Required<NotifyOptions> = {
    log: options.log,
    attempts: Math.max(1, Math.floor(options.attempts ?? 3)),
    timeoutMs: Math.max(1, options.timeoutMs ?? 5000),
    backoffMs: Math.max(0, options.backoffMs ?? 250),
  };
  const wanted = notifiers.filter((n) => !n.events || n.events.has(event.type));
  const summary: NotifySummary = {
    delivered: [],
    failed: [],
    skipped: notifiers.filter((n) => !wanted.includes(n)).map((n) => n.name),
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), notifyBudgetMs(settings.attempts, settings.timeoutMs, settings.backoffMs));
  const deadlineReached = new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true }));
  try {
    const outcomes = await Promise.all(
      wanted.map((notifier) =>
        Promise.race([
          deliver(notifier, event, settings, controller.signal),
          deadlineReached.then((): Outcome => ({ notifier: notifier.name, delivered: false, attempts: 0, kind: 'deadline' })),
        ]).catch((error: unknown): Outcome => {
          // deliver() catches what send() throws; this is a bug in the logger or the like.
          settings.log.warn({ notifier: notifier.name, error: error instanceof Error ? error.name : typeof error }, 'notifier crashed');
          return { notifier: notifier.name, delivered: false, attempts: 0, kind: 'network' };
        }),
      ),
    );
    for (const outcome of outcomes) {
      if (outcome.delivered) summary.delivered.push(outcome.notifier);
      else {
        const { notifier, attempts, kind } = outcome;
        summary.failed.push({ notifier, attempts, kind, ...(outcome.status !== undefined && { status: outcome.status }) });
        if (kind === 'deadline' && attempts === 0)
          settings.log.warn({ notifier, event: event.type }, 'notification cut off at the deadline');
      }
    }
  } finally {
    clearTimeout(timer);
    // Anything still running (a notifier that ignored its signal) is told to stop.
    controller.abort();
  }
  return summary;
}
