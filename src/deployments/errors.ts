/**
 * Errors whose message a user may read: they end up, redacted and cut to one line, in a deployment
 * status, a comment or a chat message. Anything else is unexpected: its stack goes to the server log
 * and users see "internal error".
 */
export abstract class DeployError extends Error {
  abstract readonly reason: string;
  /** Whether the deployment state is `failure` (the code or config) or `error` (Runway or a provider). */
  abstract readonly state: 'failure' | 'error';
}

/** The repository's config is missing or invalid. */
export class ConfigError extends DeployError {
  readonly reason = 'config';
  readonly state = 'failure';
}

/** The deployed code failed: a build, a migration, a seed, a health check or a smoke check. */
export class StepFailedError extends DeployError {
  readonly reason = 'step_failed';
  readonly state = 'failure';
}

/** A provider (Heroku, S3, GitHub) refused or could not be reached. */
export class ProviderError extends DeployError {
  readonly reason = 'provider';
  readonly state = 'error';
}

/** Runway's own machine could not do its part (its data directory's disk is full). */
export class HostError extends DeployError {
  readonly reason = 'host';
  readonly state = 'error';
}

/** Runway refused to run the deployment: who caused it may not, or its config widens what the default branch allows. */
export class RefusedError extends DeployError {
  readonly reason = 'refused';
  readonly state = 'error';
}

/** The config names a Heroku app, bucket, endpoint or server variable this repository may not use. */
export class PolicyError extends DeployError {
  readonly reason = 'policy';
  readonly state = 'failure';
}
