import pRetry from 'p-retry';
import type { StepLog } from '../../deployments/step.ts';
import { isRetryable, toProviderError } from './s3-errors.ts';
import type { S3Target } from './target.ts';

export interface RetryContext {
  readonly target: S3Target;
  readonly log: StepLog;
  readonly signal: AbortSignal;
}

/** Attempts per request: throttling and dropped connections get this many tries with backoff. */
const retries = 4;

/** Runs one S3 request with retries and backoff; the final failure becomes a one-line ProviderError. */
export async function withRetry<T>(action: string, ctx: RetryContext, request: () => Promise<T>): Promise<T> {
  try {
    return await pRetry(request, {
      retries,
      minTimeout: 200,
      maxTimeout: 5_000,
      factor: 2,
      randomize: true,
      signal: ctx.signal,
      shouldRetry: ({ error }) => isRetryable(error),
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft > 0 && isRetryable(error)) {
          ctx.log.line(`retrying: ${action} failed (attempt ${attemptNumber}): ${toProviderError(error, ctx.target, action).message}`);
        }
      },
    });
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    throw toProviderError(err, ctx.target, action);
  }
}
