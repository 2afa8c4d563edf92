import { DeployError, ProviderError } from '../../deployments/errors.ts';
import { endpointLabel, type S3Target } from './target.ts';

const networkCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE']);
const retryableNames = new Set([
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'RequestTimeout',
  'RequestTimeTooSkewed',
  'TimeoutError',
  'ThrottlingException',
]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

function shape(err: unknown): SdkErrorShape {
  return typeof err === 'object' && err !== null ? (err as SdkErrorShape) : {};
}

/** The Node network error code of a failed request, looking through the SDK's wrapping. */
export function networkCode(err: unknown): string | undefined {
  for (let current: unknown = err, depth = 0; current !== undefined && depth < 4; depth++) {
    const { code, cause } = shape(current);
    if (code !== undefined && networkCodes.has(code)) return code;
    current = cause;
  }
  return undefined;
}

/** Whether trying the same request again may succeed (throttling, 5xx, a dropped connection). */
export function isRetryable(err: unknown): boolean {
  if (err instanceof DeployError) return false;
  const { name, $metadata, $retryable } = shape(err);
  if ($retryable !== undefined) return true;
  if (name !== undefined && retryableNames.has(name)) return true;
  if (($metadata?.httpStatusCode ?? 0) >= 500) return true;
  return networkCode(err) !== undefined;
}

/** Turns an SDK or network error into the one-line ProviderError a user reads. */
export function toProviderError(err: unknown, target: S3Target, action: string): DeployError {
  if (err instanceof DeployError) return err;
  const { name, message, $metadata } = shape(err);
  // request-filtering-agent (client.ts) says so in words only; its tests pin the wording.
  if (/^DNS lookup .* is not allowed\./.test(message ?? '')) {
    return new ProviderError(
      `S3 endpoint ${endpointLabel(target)} is a loopback, private or link-local address that the policy's network list does not open to this repository`,
    );
  }
  const code = networkCode(err);
  if (code !== undefined || name === 'TimeoutError') {
    return new ProviderError(`cannot reach S3 at ${endpointLabel(target)} (${code ?? 'timed out'}) while trying to ${action}`);
  }
  switch (name) {
    case 'NoSuchBucket':
      return new ProviderError(`bucket ${target.bucket} does not exist at ${endpointLabel(target)}`);
    case 'InvalidAccessKeyId':
    case 'SignatureDoesNotMatch':
    case 'ExpiredToken':
    case 'InvalidToken':
      return new ProviderError(`S3 rejected the credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (${name})`);
    case 'AccessDenied':
      return new ProviderError(
        `access denied to bucket ${target.bucket} while trying to ${action}: the credentials need s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject`,
      );
    default: {
      const status = $metadata?.httpStatusCode;
      const detail = [name, status === undefined ? undefined : `HTTP ${status}`].filter(Boolean).join(', ');
      return new ProviderError(`S3 failed to ${action} in bucket ${target.bucket} (${detail || 'error'}): ${firstLine(message)}`);
    }
  }
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0]?.slice(0, 200) ?? '';
}
