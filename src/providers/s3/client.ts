import { S3Client } from '@aws-sdk/client-s3';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { ProviderError } from '../../deployments/errors.ts';
import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import type { ProviderDeps } from '../provider.ts';
import type { S3Target } from './target.ts';

/** AWS variables read for credentials (from the server environment snapshot). */
export const credentialVariables = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * Credentials come from the server environment only: the SDK's wider chain would also try the
 * instance metadata service, which turns a missing variable into a slow, confusing network error.
 */
export function credentialsFromEnv(serverEnv: ProviderDeps['serverEnv']): S3Credentials {
  const accessKeyId = serverEnv.AWS_ACCESS_KEY_ID;
  const secretAccessKey = serverEnv.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new ProviderError(
      'no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones) in the server environment',
    );
  }
  const sessionToken = serverEnv.AWS_SESSION_TOKEN;
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

/**
 * `network`: CIDRs of private, loopback or link-local addresses the policy opens to this repository;
 * the agents refuse every other non-public address at connect time (after DNS), so neither a config's
 * `endpoint` nor a name that resolves differently later can point the credentials at an internal service.
 */
export function createS3Client(
  config: S3FrontendConfig,
  target: S3Target,
  credentials: S3Credentials,
  network: readonly string[],
): S3Client {
  // Keep-alive sockets, as many as uploads run at once, so that a sync of 1,500 small files does not
  // pay a TCP handshake per file.
  const agentOptions = { keepAlive: true, maxSockets: config.concurrency + 4, allowIPAddressList: [...network] };
  return new S3Client({
    region: target.region,
    ...(target.endpoint === undefined ? {} : { endpoint: target.endpoint }),
    forcePathStyle: config.force_path_style,
    credentials,
    // Retries are ours (with-retry.ts), so that each one is visible in the deployment log.
    maxAttempts: 1,
    // The newer default checksums (aws-chunked trailers) break S3-compatible servers such as s3rver.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      httpAgent: new RequestFilteringHttpAgent(agentOptions),
      httpsAgent: new RequestFilteringHttpsAgent(agentOptions),
      connectionTimeout: 10_000,
      requestTimeout: 120_000,
    },
  });
}
