import { ListObjectsCommand } from '@aws-sdk/client-s3';
import type { S3FrontendConfig } from '../config/deploy-config.ts';
import { createS3Client, credentialsFromEnv } from '../providers/s3/client.ts';
import { deleteKeys } from '../providers/s3/delete-keys.ts';
import { s3Target } from '../providers/s3/target.ts';
import { withRetry } from '../providers/s3/with-retry.ts';
import type { ProviderDeps } from '../providers/provider.ts';

/**
 * Deletes every object under the preview's prefix (Runway's own folder included), page by page
 * until a listing comes back empty, so that a teardown that stopped half-way finishes the job.
 */
export async function removePreviewSite(
  deps: Pick<ProviderDeps, 'serverEnv'>,
  site: { bucket: string; prefix: string; endpoint: string | null; region: string | null },
  network: readonly string[],
  signal: AbortSignal,
): Promise<number> {
  const config = {
    bucket: site.bucket,
    prefix: site.prefix,
    region: site.region ?? 'us-east-1',
    ...(site.endpoint === null ? {} : { endpoint: site.endpoint }),
    force_path_style: false,
    concurrency: 4,
  } as S3FrontendConfig;
  const target = s3Target(config, deps.serverEnv);
  // A prefix of '' would be the whole bucket: previews always have one of their own.
  if (target.prefix === '') throw new Error('refusing to empty a whole bucket for a preview');
  const client = createS3Client(config, target, credentialsFromEnv(deps.serverEnv), network);
  const ctx = { target, log: { line: () => undefined }, signal };
  let removed = 0;
  try {
    for (;;) {
      const page = await withRetry(`list ${target.bucket}/${target.prefix}`, ctx, () =>
        client.send(new ListObjectsCommand({ Bucket: target.bucket, Prefix: target.prefix, MaxKeys: 1000 }), { abortSignal: signal }),
      );
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
      if (keys.length === 0) return removed;
      await deleteKeys(client, ctx, keys);
      removed += keys.length;
    }
  } finally {
    client.destroy();
  }
}
