import pRetry from 'p-retry';
import type { Database } from './database.ts';

/** How long a starting replica waits for a PostgreSQL server that is not up yet (restarting, or starting beside it). */
export const STORE_WAIT_MS = 30_000;

/**
 * Errors that mean "the server is not up yet", not "this is the wrong server": nothing listens
 * (ECONNREFUSED) or PostgreSQL is starting or shutting down (57P03). A wrong host name, password
 * or database is not waited for: it fails at once with the server's own message.
 */
export function isStoreStarting(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNREFUSED' || code === '57P03';
}

/**
 * Opens the store, waiting up to `waitMs` for a PostgreSQL server that is not up yet, as when it
 * restarts or starts beside Runway (a container set brought up at once): one log line when the
 * wait begins, then tries at growing intervals (at most 2 s apart). Anything else, or a server
 * still down when the wait runs out, fails with the last error.
 */
export async function openStoreWhenUp(
  open: () => Promise<Database>,
  options: { log: { warn(fields: object, message: string): void }; waitMs?: number },
): Promise<Database> {
  const waitMs = options.waitMs ?? STORE_WAIT_MS;
  const began = Date.now();
  return pRetry(open, {
    retries: Number.POSITIVE_INFINITY,
    minTimeout: 250,
    maxTimeout: 2_000,
    maxRetryTime: waitMs,
    shouldRetry: ({ error }) => isStoreStarting(error),
    onFailedAttempt: ({ error, attemptNumber }) => {
      if (attemptNumber === 1 && isStoreStarting(error))
        options.log.warn({ err: error, waitSeconds: waitMs / 1000 }, 'the store is not up yet; waiting for it');
    },
  }).catch((error: unknown) => {
    if (isStoreStarting(error) && Date.now() - began >= waitMs && error instanceof Error)
      error.message = `${error.message} (the store was still not up after ${waitMs / 1000} s)`;
    throw error;
  });
}
