import type { S3Client } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import type { PlannedUpload } from './decide-sync.ts';
import { directPut, type DirectPut } from './direct-put.ts';
import type { ManifestFile } from './manifest.ts';
import { uploadProgress } from './progress.ts';
import { requestSignal } from './request-signal.ts';
import { uploadFile } from './upload-file.ts';
import type { RetryContext } from './with-retry.ts';

/**
 * Uploads files with at most `concurrency` requests at a time. The first failure cancels the rest
 * and is thrown once every request has settled, so nothing is still writing when the caller goes on.
 */
export async function uploadAll(
  client: S3Client,
  ctx: RetryContext,
  files: readonly PlannedUpload[],
  concurrency: number,
  label: string,
): Promise<Record<string, ManifestFile>> {
  const uploaded: Record<string, ManifestFile> = {};
  if (files.length === 0) return uploaded;
  const failed = new AbortController();
  const signal = requestSignal([ctx.signal, failed.signal], concurrency);
  const inner = { ...ctx, signal };
  const progress = uploadProgress(
    ctx.log,
    label,
    files.length,
    files.reduce((sum, f) => sum + f.size, 0),
  );
  const direct = directPut(client, ctx.target);
  let refused = false;
  // Said once: a server that refuses every direct upload would otherwise double each request unseen.
  const put: DirectPut = async (object, signal) => {
    const answer = await direct(object, signal);
    if (!answer.stored && !refused) {
      refused = true;
      ctx.log.line(`${label}: direct upload of ${object.key} failed (${answer.reason}); sending it again through the SDK`);
    }
    return answer;
  };
  const limit = pLimit(concurrency);
  const results = await Promise.allSettled(
    files.map((file) =>
      limit(async () => {
        signal.throwIfAborted();
        try {
          uploaded[file.key] = await uploadFile(client, inner, file, put);
        } catch (err) {
          failed.abort(err);
          throw err;
        }
        progress.done(file.size);
      }),
    ),
  );
  ctx.signal.throwIfAborted();
  if (failed.signal.aborted) throw failed.signal.reason;
  const rejected = results.find((r) => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  return uploaded;
}
