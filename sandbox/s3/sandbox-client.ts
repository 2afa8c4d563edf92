import { S3Client } from '@aws-sdk/client-s3';

/** The credentials s3rver accepts (it checks the access key id). */
export const sandboxCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * An SDK client for the sandbox's s3rver, for tests and benchmarks that look at a bucket directly.
 * s3rver 3.7 cannot read the checksums current SDKs send by default, hence WHEN_REQUIRED.
 */
export function sandboxClient(endpoint: string): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: sandboxCredentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
