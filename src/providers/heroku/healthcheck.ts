import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderError, StepFailedError } from '../../deployments/errors.ts';
import { refusedAddress } from '../../net/address-allowed.ts';
import { guardedFetch } from '../../net/guarded-fetch.ts';
import type { Step, StepContext, StepOutcome } from '../../deployments/step.ts';
import { appSchema } from './api-schemas.ts';
import { backoffDelay } from './backoff.ts';
import { openHerokuSession, seg } from './session.ts';
import type { HerokuStepInput } from './step-input.ts';

/** Longest single request: a slow answer is retried rather than waited for. */
const requestTimeoutMs = 10_000;
/** Even the last attempt, at the deadline, gets this long to answer. */
const shortestRequestMs = 2_000;

/** GETs `web_url` + the configured path until it answers 2xx, with backoff, within the configured time. */
export class HealthcheckStep implements Step {
  readonly name: string;

  constructor(
    private readonly input: HerokuStepInput,
    private readonly path: string,
  ) {
    this.name = `${input.side}.healthcheck`;
  }

  describe(): string {
    const { app, healthcheck_timeout_seconds: seconds } = this.input.config;
    return `GET ${this.path} on the web_url of Heroku app ${app} until it answers 2xx (up to ${seconds} s)`;
  }

  async run(ctx: StepContext): Promise<StepOutcome> {
    const url = `${await this.webUrl(ctx)}${this.path}`;
    const timeoutMs = this.input.config.healthcheck_timeout_seconds * 1000;
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    for (let attempt = 1; ; attempt++) {
      const remaining = deadline - Date.now();
      const outcome = await probe(url, Math.max(shortestRequestMs, Math.min(requestTimeoutMs, remaining)), ctx);
      if (outcome.ok) {
        ctx.log.line(`health check: GET ${url} answered ${outcome.status}`);
        return {};
      }
      last = outcome.detail;
      const wait = Math.min(backoffDelay(attempt, 500, 5_000), deadline - Date.now());
      if (wait <= 0) break;
      ctx.log.line(`health check: GET ${url} ${last}; trying again in ${(wait / 1000).toFixed(1)} s`);
      await sleep(wait, undefined, { signal: ctx.signal });
    }
    throw new StepFailedError(`health check GET ${this.path} got no 2xx within ${timeoutMs / 1000} s (last: ${last})`);
  }

  private async webUrl(ctx: StepContext): Promise<string> {
    const known = this.input.state.webUrl ?? ctx.outputs.get(`${this.input.side}.url`);
    if (known) return known.replace(/\/+$/, '');
    const { app } = this.input.config;
    const heroku = openHerokuSession(ctx, this.input.deps, app);
    const info = await heroku.platform.get(`/apps/${seg(app)}`, appSchema);
    if (!info.web_url) throw new ProviderError(`Heroku app ${app} has no web_url`);
    return info.web_url.replace(/\/+$/, '');
  }
}

type Probe = { ok: true; status: number } | { ok: false; detail: string };

/** One GET; the body is never read, so it never reaches a log. An address the policy does not open fails the step at once. */
async function probe(url: string, timeoutMs: number, ctx: Pick<StepContext, 'signal' | 'network'>): Promise<Probe> {
  const { signal } = ctx;
  try {
    const response = await guardedFetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]), allow: ctx.network });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, detail: `answered ${response.status}` };
  } catch (error) {
    if (signal.aborted) throw error;
    const refused = refusedAddress(error);
    if (refused) throw new StepFailedError(`health check GET ${url} refused: ${refused.message}`);
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return {
      ok: false,
      detail: timedOut
        ? `timed out after ${Math.round(timeoutMs / 1000)} s`
        : `failed (${code ?? (error instanceof Error ? error.message : String(error))})`,
    };
  }
}
