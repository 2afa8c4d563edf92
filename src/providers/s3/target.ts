import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import type { ProviderDeps } from '../provider.ts';

/** Where a site lives: the bucket, the key prefix, and the endpoint as users should read it. */
export interface S3Target {
  readonly bucket: string;
  /** '' or a prefix ending in '/', so that `app` never matches `application/…`. */
  readonly prefix: string;
  readonly region: string;
  /** Explicit endpoint (config, else AWS_ENDPOINT_URL_S3); undefined means AWS itself. */
  readonly endpoint: string | undefined;
}

export function s3Target(config: S3FrontendConfig, serverEnv: ProviderDeps['serverEnv']): S3Target {
  return {
    bucket: config.bucket,
    prefix: normalizePrefix(config.prefix),
    region: config.region,
    endpoint: config.endpoint ?? serverEnv.AWS_ENDPOINT_URL_S3 ?? serverEnv.AWS_ENDPOINT_URL,
  };
}

/** '' or a prefix ending in '/', without a leading '/': how a config's `prefix` is used as keys. */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+/, '');
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/** The endpoint as shown in messages: `http://127.0.0.1:4568`, or AWS's regional one. */
export function endpointLabel(target: S3Target): string {
  return target.endpoint ?? `https://s3.${target.region}.amazonaws.com`;
}

/**
 * Where Runway 0.1 kept its manifests inside the site (served by the website, hence moved to the
 * artifact store): never synced as site files; a sync removes what is left there.
 */
export function runwayFolder(target: S3Target): string {
  return `${target.prefix}.runway/`;
}

export function describeTarget(target: S3Target): string {
  return `s3://${target.bucket}/${target.prefix}`;
}
