import { DeleteObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import { ProviderError } from '../../deployments/errors.ts';
import { withRetry, type RetryContext } from './with-retry.ts';

/** DeleteObjects takes at most this many keys per request. */
const batchSize = 1000;

export async function deleteKeys(client: S3Client, ctx: RetryContext, keys: readonly string[]): Promise<void> {
  for (let start = 0; start < keys.length; start += batchSize) {
    const batch = keys.slice(start, start + batchSize);
    const answer = await withRetry(`delete ${batch.length} stale files`, ctx, () =>
      client.send(
        new DeleteObjectsCommand({ Bucket: ctx.target.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
        { abortSignal: ctx.signal },
      ),
    );
    const first = answer.Errors?.[0];
    if (first !== undefined) {
      throw new ProviderError(
        `S3 refused to delete ${answer.Errors?.length ?? 0} stale files, e.g. ${first.Key ?? '?'} (${first.Code ?? 'error'})`,
      );
    }
  }
}
