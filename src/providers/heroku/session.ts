import { ConfigError } from '../../deployments/errors.ts';
import type { StepContext } from '../../deployments/step.ts';
import type { ProviderDeps } from '../provider.ts';
import { HerokuApi, type RetryInfo } from './api-client.ts';

/** What a step talks to: the Platform API, and the data API for backups, both for one app. */
export interface HerokuSession {
  readonly app: string;
  readonly platform: HerokuApi;
  readonly data: HerokuApi;
}

/**
 * Opens the API clients for one step run. The token is registered as a secret before anything can
 * print it, and a missing token is the operator's to fix.
 */
export function openHerokuSession(ctx: StepContext, deps: ProviderDeps, app: string): HerokuSession {
  const token = deps.herokuApiToken;
  if (token === undefined || token === '') {
    throw new ConfigError('no Heroku API token: the Runway operator must set HEROKU_API_TOKEN');
  }
  ctx.secret(token);
  const onRetry = (info: RetryInfo) =>
    ctx.log.line(
      `Heroku API: ${info.method} ${info.path} answered ${info.reason}; retrying in ${(info.delayMs / 1000).toFixed(1)} s (attempt ${info.attempt + 1} of ${info.maxAttempts})`,
    );
  const common = { token, app, signal: ctx.signal, onRetry };
  return {
    app,
    platform: new HerokuApi({ ...common, baseUrl: deps.herokuApiUrl }),
    data: new HerokuApi({ ...common, baseUrl: deps.herokuDataApiUrl }),
  };
}

/** Path segment for an app or resource name. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
