import type { S3Client } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import type { ProviderDeps } from '../provider.ts';
import { createS3Client, credentialsFromEnv } from './client.ts';
import { s3Target, type S3Target } from './target.ts';

/** Which deployed site: a repository's environment. */
export interface SiteRef {
  readonly owner: string;
  readonly repo: string;
  readonly environment: string;
}

export interface SiteConnection {
  readonly client: S3Client;
  readonly target: S3Target;
  /** Registered with the step context so that it never appears in logs. */
  readonly secretAccessKey: string;
}

/** Opens a client for the site's bucket; missing credentials fail here, before any request. */
export function connectSite(config: S3FrontendConfig, deps: Pick<ProviderDeps, 'serverEnv'>, network: readonly string[]): SiteConnection {
  const target = s3Target(config, deps.serverEnv);
  const credentials = credentialsFromEnv(deps.serverEnv);
  return { client: createS3Client(config, target, credentials, network), target, secretAccessKey: credentials.secretAccessKey };
}

/** Local copies of the release manifests of one site. */
export function localManifestsDir(workDir: string, site: SiteRef): string {
  return join(workDir, 's3-manifests', site.owner, site.repo, site.environment);
}
