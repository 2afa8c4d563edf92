import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { PlannedUpload } from './decide-sync.ts';
import type { DirectPut } from './direct-put.ts';
import { hashContent, hashFile, md5Of, type FileHashes } from './local-files.ts';
import type { ManifestFile } from './manifest.ts';
import { sha256MetadataKey } from './remote-objects.ts';
import { withRetry, type RetryContext } from './with-retry.ts';

/** Files up to this size go up in one PutObject (ETag = MD5); larger ones as a multipart Upload. */
export const singlePartLimit = 16 * 1024 * 1024;
const partSize = 8 * 1024 * 1024;

/**
 * Puts one file with its Content-Type, Cache-Control and SHA-256 metadata, retrying with backoff.
 * A small file is read once, its MD5 computed (unless the plan knows it) from the buffer that is
 * sent, first by `put` (direct-put.ts); if that does not store it, through the SDK with retries.
 * Returns its manifest entry.
 */
export async function uploadFile(client: S3Client, ctx: RetryContext, file: PlannedUpload, put?: DirectPut): Promise<ManifestFile> {
  const headers = { Bucket: ctx.target.bucket, Key: file.key, ContentType: file.contentType, CacheControl: file.cacheControl };
  if (file.size <= singlePartLimit) {
    const body = await readFile(file.path);
    const hashes = file.hashes ?? (file.sha256 === undefined ? hashContent(body) : { md5: md5Of(body), sha256: file.sha256 });
    const object = { key: file.key, body, contentType: file.contentType, cacheControl: file.cacheControl, ...hashes };
    if (put !== undefined && (await put(object, ctx.signal)).stored) return entry(file, hashes, body.length);
    // A Buffer rather than a stream: the SDK can send it again on retry, and S3 checks Content-MD5.
    const command = new PutObjectCommand({
      ...headers,
      Metadata: { [sha256MetadataKey]: hashes.sha256 },
      Body: body,
      ContentMD5: Buffer.from(hashes.md5, 'hex').toString('base64'),
    });
    await withRetry(`upload ${file.key}`, ctx, () => client.send(command, { abortSignal: ctx.signal }));
    return entry(file, hashes, body.length);
  }
  const [md5, sha256] =
    file.hashes === undefined ? await hashFile(file.path, file.size, ['md5', 'sha256']) : [file.hashes.md5, file.hashes.sha256];
  const hashes = { md5: md5!, sha256: sha256! };
  await withRetry(`upload ${file.key}`, ctx, async () => {
    const params = { ...headers, Metadata: { [sha256MetadataKey]: hashes.sha256 }, Body: createReadStream(file.path) };
    const upload = new Upload({ client, params, partSize, queueSize: 4, leavePartsOnError: false });
    const abort = (): void => void upload.abort();
    ctx.signal.addEventListener('abort', abort, { once: true });
    try {
      await upload.done();
    } finally {
      ctx.signal.removeEventListener('abort', abort);
    }
  });
  return entry(file, hashes, file.size);
}

function entry(file: PlannedUpload, hashes: FileHashes, size: number): ManifestFile {
  return { md5: hashes.md5, sha256: hashes.sha256, size, contentType: file.contentType, cacheControl: file.cacheControl };
}
