import Heroku from 'heroku-client';
import type { HerokuHttpError } from 'heroku-client';
import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay, retryAfterMs } from './backoff.ts';
import { herokuApiError, type ErrorSubject } from './api-error.ts';
import { parseAnswer } from './api-schemas.ts';
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface HerokuApiOptions {
  /** Base URL: the Platform API, or the data API for backups. */
  baseUrl: string;
  token: string;
  /** Named in error messages. */
  app: string;
  signal?: AbortSignal;
  /** Per request (socket idle time). */
  timeoutMs?: number;
  /** Attempts per call when Heroku answers 429 or 5xx, or an idempotent call times out. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Told about each retry, so that a step can say why it waits. */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  method: HttpMethod;
  path: string;
  /** Status, or `timeout` / a socket error code. */
  reason: string;
  attempt: number;
  maxAttempts: number;
  delayMs: number;
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Only the first page of a list (with a `Range` header of the caller's). */
  partial?: boolean;
  /** What a 404 means for this call, when it is not "the app does not exist". */
  notFound?: string;
}

const defaults = { timeoutMs: 30_000, maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };
/** A Retry-After longer than this is not honoured: the call fails instead of stalling the deployment. */
const longestRetryAfterMs = 120_000;

/**
 * The Heroku API as Runway uses it: heroku-client (basic auth, Next-Range paging, socket-error
 * retries) plus what it lacks: a timeout on every call, retries with backoff on 429 and 5xx that
 * honour Retry-After, cancellation, and errors a user can read.
 */
export class HerokuApi {
  private readonly client: Heroku;
  private readonly options: Required<Omit<HerokuApiOptions, 'signal' | 'onRetry'>> & Pick<HerokuApiOptions, 'signal' | 'onRetry'>;

  constructor(options: HerokuApiOptions) {
    this.options = { ...defaults, ...options };
    this.client = new Heroku({ host: options.baseUrl, token: options.token, userAgent: 'runway-heroku-provider' });
  }

  get<S extends z.ZodType>(path: string, schema: S, options?: CallOptions): Promise<z.infer<S>> {
    return this.checked('GET', path, schema, options);
  }

  post<S extends z.ZodType>(path: string, schema: S, options?: CallOptions): Promise<z.infer<S>> {
    return this.checked('POST', path, schema, options);
  }

  patch<S extends z.ZodType>(path: string, schema: S, options?: CallOptions): Promise<z.infer<S>> {
    return this.checked('PATCH', path, schema, options);
  }

  private async checked<S extends z.ZodType>(method: HttpMethod, path: string, schema: S, options?: CallOptions): Promise<z.infer<S>> {
    return parseAnswer(schema, await this.call<unknown>(method, path, options), `answer to ${method} ${path}`);
  }

  async call<T>(method: HttpMethod, path: string, options: CallOptions = {}): Promise<T> {
    const { maxAttempts, baseDelayMs, maxDelayMs, signal } = this.options;
    const subject: ErrorSubject = { app: this.options.app, notFound: options.notFound };
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const outcome = await this.once<T>(method, path, options);
      if (outcome.ok) return outcome.value;
      const { failure } = outcome;
      const retryable = isRetryable(method, failure);
      const wait = failure.retryAfter ?? backoffDelay(attempt, baseDelayMs, maxDelayMs);
      if (!retryable || attempt >= maxAttempts || wait > longestRetryAfterMs) {
        throw herokuApiError(
          { method, path, status: failure.status, herokuMessage: failure.herokuMessage, transport: failure.transport, attempts: attempt },
          subject,
        );
      }
      this.options.onRetry?.({ method, path, reason: String(failure.status ?? failure.transport), attempt, maxAttempts, delayMs: wait });
      await sleep(wait, undefined, signal ? { signal } : undefined);
    }
  }

  private async once<T>(method: HttpMethod, path: string, options: CallOptions): Promise<Outcome<T>> {
    let headers: IncomingHttpHeaders = {};
    const { timeoutMs } = this.options;
    const request = this.client.request<T>({
      method,
      path,
      body: options.body,
      headers: options.headers,
      partial: options.partial,
      // heroku-client aborts a timed-out request and then re-sends it in the background (its socket-error
      // retry sees the abort): harmless for a GET, a duplicate build or release for a POST. Other methods
      // get a timeout of ours that leaves the request alone.
      timeout: method === 'GET' ? timeoutMs : undefined,
      middleware: (res, next) => {
        headers = res.headers;
        next();
      },
    });
    try {
      const value = await abortable(method === 'GET' ? request : withTimeout(request, timeoutMs), this.options.signal);
      return { ok: true, value };
    } catch (error) {
      if (this.options.signal?.aborted) throw error;
      return { ok: false, failure: describeFailure(error as HerokuHttpError, headers) };
    }
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

interface Failure {
  status?: number;
  herokuMessage?: string;
  transport?: string;
  retryAfter?: number;
}

function describeFailure(error: HerokuHttpError, headers: IncomingHttpHeaders): Failure {
  if (typeof error.statusCode === 'number') {
    return { status: error.statusCode, herokuMessage: herokuMessage(error.body), retryAfter: retryAfterMs(headers['retry-after']) };
  }
  // heroku-client rejects a timed-out request with a plain Error and no code.
  if (/took longer than/.test(error.message)) return { transport: 'timeout' };
  if (typeof error.code === 'string') return { transport: error.code };
  // Neither an HTTP answer nor a transport failure: a bug, not Heroku's refusal.
  throw error;
}

function isRetryable(method: HttpMethod, failure: Failure): boolean {
  if (failure.status !== undefined) return failure.status === 429 || failure.status >= 500;
  // heroku-client has already retried socket errors four times. After a timeout we cannot know whether
  // a POST took effect: repeat only what is idempotent.
  return failure.transport === 'timeout' && method !== 'POST';
}

const timedOut = 'Request took longer than the timeout to complete.';

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(timedOut)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function herokuMessage(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') {
    return body.message.split('\n')[0]?.slice(0, 200);
  }
  return undefined;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
