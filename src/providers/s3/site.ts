import type { S3Client } from '@aws-sdk/client-s3';
import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import { ProviderError } from '../../deployments/errors.ts';
import type { ProviderDeps } from '../provider.ts';
import { createS3Client, credentialsFromEnv } from './client.ts';
import { s3Target, type S3Target } from './target.ts';

export type { SiteRef } from '../../artifacts/artifact-location.ts';

export interface SiteConnection {
  readonly client: S3Client;
  readonly target: S3Target;
  /** Registered with the step context so that it never appears in logs. */
  readonly secretAccessKey: string;
}

/**
 * Opens a client for the site's bucket; missing credentials fail here, before any request, and so
 * does a site in Runway's own artifacts bucket, which would publish kept builds and manifests.
 */
export function connectSite(
  config: S3FrontendConfig,
  deps: Pick<ProviderDeps, 'serverEnv' | 'artifacts'>,
  network: readonly string[],
): SiteConnection {
  const target = s3Target(config, deps.serverEnv);
  if (deps.artifacts.bucket !== undefined && deps.artifacts.bucket === target.bucket) {
    throw new ProviderError(
      `bucket ${target.bucket} is Runway's private artifacts bucket (RUNWAY_ARTIFACTS_BUCKET): deploy the site to a bucket of its own`,
    );
  }
  const credentials = credentialsFromEnv(deps.serverEnv);
  return { client: createS3Client(config, target, credentials, network), target, secretAccessKey: credentials.secretAccessKey };
}
