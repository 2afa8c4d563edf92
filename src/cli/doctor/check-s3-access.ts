import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { Settings } from '../../config/settings.ts';
import type { CheckResult } from './doctor-check.ts';

/** `HeadBucket` on Runway's artifacts bucket, with the credentials and endpoint Runway would use. */
export async function checkS3Access(settings: Settings): Promise<CheckResult> {
  const name = 'S3 artifacts bucket';
  const config = settings.artifacts;
  if (!config)
    return {
      name,
      status: 'skipped',
      detail:
        'RUNWAY_ARTIFACTS_BUCKET is not set: kept builds stay in RUNWAY_DATA_DIR (fine for one replica); site buckets are checked per deployment',
    };
  const where = `s3://${config.bucket}${config.endpoint ? ` at ${config.endpoint}` : ''}`;
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint, forcePathStyle: true }),
    credentials: config.credentials,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 10_000 },
  });
  try {
    await client.send(new HeadBucketCommand({ Bucket: config.bucket }));
    return { name, status: 'ok', detail: `${where} answers` };
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode;
    const detail =
      status === 404 || e.name === 'NotFound'
        ? `${where} does not exist; create it (private, no website hosting) or fix RUNWAY_ARTIFACTS_BUCKET`
        : status === 403
          ? `${where} refuses these credentials (403); give AWS_ACCESS_KEY_ID s3:ListBucket, GetObject and PutObject on it`
          : status
            ? `${where} answered ${status}`
            : `${where} is unreachable (${e.code ?? e.name ?? e.message}); check AWS_ENDPOINT_URL_S3, AWS_REGION and the network`;
    return { name, status: 'problem', detail };
  } finally {
    client.destroy();
  }
}
