import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { PlannedUpload } from './decide-sync.ts';
import { sha256MetadataKey } from './remote-objects.ts';
import { withRetry, type RetryContext } from './with-retry.ts';

/** Files up to this size go up in one PutObject (ETag = MD5); larger ones as a multipart Upload. */
export const singlePartLimit = 16 * 1024 * 1024;
const partSize = 8 * 1024 * 1024;

/** Puts one file with its Content-Type, Cache-Control and SHA-256 metadata, retrying with backoff. */
export async function uploadFile(client: S3Client, ctx: RetryContext, file: PlannedUpload): Promise<void> {
  const params = {
    Bucket: ctx.target.bucket,
    Key: file.key,
    ContentType: file.contentType,
    CacheControl: file.cacheControl,
    Metadata: { [sha256MetadataKey]: file.sha256 },
  };
  await withRetry(`upload ${file.key}`, ctx, async () => {
    if (file.size <= singlePartLimit) {
      // A Buffer rather than a stream: the SDK can send it again on retry, and S3 checks Content-MD5.
      const body = await readFile(file.path);
      await client.send(new PutObjectCommand({ ...params, Body: body, ContentMD5: Buffer.from(file.md5, 'hex').toString('base64') }), {
        abortSignal: ctx.signal,
      });
      return;
    }
    const upload = new Upload({ client, params: { ...params, Body: createReadStream(file.path) }, partSize, queueSize: 4, leavePartsOnError: false });
    const abort = (): void => void upload.abort();
    ctx.signal.addEventListener('abort', abort, { once: true });
    try {
      await upload.done();
    } finally {
      ctx.signal.removeEventListener('abort', abort);
    }
  });
}
