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
    const { app, healthcheck_timeout_seconds: seconds, healthcheck_release: release } = this.input.config;
    const which = release
      ? ` naming the new ${release.value} in ${release.header ? `header ${release.header}` : `body field ${release.body_field}`}`
      : '';
    return `GET ${this.path} on the web_url of Heroku app ${app} until it answers 2xx${which} (up to ${seconds} s)`;
  }

  async run(ctx: StepContext): Promise<StepOutcome> {
    const url = `${await this.webUrl(ctx)}${this.path}`;
    const expect = this.expectedRelease(ctx);
    const timeoutMs = this.input.config.healthcheck_timeout_seconds * 1000;
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    for (let attempt = 1; ; attempt++) {
      const remaining = deadline - Date.now();
      const outcome = await probe(url, Math.max(shortestRequestMs, Math.min(requestTimeoutMs, remaining)), ctx, expect);
      if (outcome.ok) {
        ctx.log.line(`health check: GET ${url} answered ${outcome.status}${expect ? ` from the new ${expect.what} ${expect.value}` : ''}`);
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

  /** What the answer must name when `healthcheck_release` is set: the deployed commit or the new release (`v12`). */
  private expectedRelease(ctx: StepContext): ExpectedRelease | undefined {
    const config = this.input.config.healthcheck_release;
    if (!config) return undefined;
    const value = config.value === 'commit' ? ctx.deployment.sha : ctx.outputs.get(`${this.input.side}.release`);
    if (!value) throw new ProviderError(`health check: no new release version to look for (${this.input.side}.release did not run)`);
    return {
      what: config.value,
      value,
      ...(config.header !== undefined && { header: config.header }),
      ...(config.body_field !== undefined && { bodyField: config.body_field }),
    };
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

/** The release the answer must name, and where it names it. */
interface ExpectedRelease {
  what: 'commit' | 'release';
  value: string;
  header?: string;
  bodyField?: string;
}

/** A longer body is not parsed for the field. */
const maxBodyBytes = 64 * 1024;

/** What the answer names (a header or a top-level JSON field), if anything. Never logged whole. */
async function namedRelease(response: Awaited<ReturnType<typeof guardedFetch>>, expect: ExpectedRelease): Promise<string | undefined> {
  if (expect.header !== undefined) {
    await response.body?.cancel();
    return response.headers.get(expect.header) ?? undefined;
  }
  const text = await response.text();
  if (text.length > maxBodyBytes) return undefined;
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null || !Object.hasOwn(body, expect.bodyField!)) return undefined;
    const value = (body as Record<string, unknown>)[expect.bodyField!];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** A value shown in the log only when it looks like a sha or a release version. */
const shown = (value: string | undefined): string =>
  value === undefined
    ? 'nothing'
    : /^[A-Za-z0-9._-]{1,64}$/.test(value)
      ? /^[0-9a-f]{40}$/.test(value)
        ? value.slice(0, 7)
        : value
      : 'another value';

/**
 * One GET; the body is never logged. An address the policy does not open fails the step at once.
 * With `expect`, a 2xx counts only when it names the new release: an old dyno answering during
 * preboot keeps the check waiting.
 */
async function probe(
  url: string,
  timeoutMs: number,
  ctx: Pick<StepContext, 'signal' | 'network'>,
  expect?: ExpectedRelease,
): Promise<Probe> {
  const { signal } = ctx;
  try {
    const response = await guardedFetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]), allow: ctx.network });
    const good = response.status >= 200 && response.status < 300;
    if (!good || !expect) {
      await response.body?.cancel();
      return good ? { ok: true, status: response.status } : { ok: false, detail: `answered ${response.status}` };
    }
    const named = await namedRelease(response, expect);
    if (named === expect.value) return { ok: true, status: response.status };
    return { ok: false, detail: `answered ${response.status} from ${expect.what} ${shown(named)}, not the new ${shown(expect.value)}` };
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
