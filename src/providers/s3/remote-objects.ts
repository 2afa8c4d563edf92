import { HeadObjectCommand, ListObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { runwayFolder } from './target.ts';
import { withRetry, type RetryContext } from './with-retry.ts';

/** An object already in the bucket, as far as the sync needs to know it. */
export interface RemoteObject {
  readonly key: string;
  /** ETag without quotes: the MD5 of a single-part object, `<md5 of md5s>-<parts>` for multipart. */
  readonly etag: string;
  readonly size: number;
  /** Our own content hash from object metadata; only fetched for multipart objects. */
  sha256?: string | undefined;
}

/** Metadata key (`x-amz-meta-runway-sha256`) that holds a file's SHA-256, for multipart uploads. */
export const sha256MetadataKey = 'runway-sha256';

export function isMultipartEtag(etag: string): boolean {
  return etag.includes('-');
}

/**
 * Lists the site's objects under the prefix in one pass, and apart from them the keys in Runway
 * 0.1's own folder (to remove). This uses ListObjects (v1) paged by Marker: the same on AWS, while
 * s3rver answers any truncated ListObjectsV2 page with a DES-encrypted continuation token, which
 * Node 20 only has with --openssl-legacy-provider.
 */
export async function listRemoteObjects(
  client: S3Client,
  ctx: RetryContext,
): Promise<{ objects: Map<string, RemoteObject>; legacy: string[] }> {
  const { bucket, prefix } = ctx.target;
  const own = runwayFolder(ctx.target);
  const objects = new Map<string, RemoteObject>();
  const legacy: string[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await withRetry(`list ${bucket}/${prefix}`, ctx, () =>
      client.send(
        new ListObjectsCommand({ Bucket: bucket, Prefix: prefix, MaxKeys: 1000, ...(marker === undefined ? {} : { Marker: marker }) }),
        {
          abortSignal: ctx.signal,
        },
      ),
    );
    const contents = page.Contents ?? [];
    for (const item of contents) {
      if (item.Key === undefined) continue;
      if (item.Key.startsWith(own)) legacy.push(item.Key);
      else objects.set(item.Key, { key: item.Key, etag: (item.ETag ?? '').replaceAll('"', ''), size: item.Size ?? 0 });
    }
    const last = contents.at(-1)?.Key;
    if (page.IsTruncated !== true || last === undefined) return { objects, legacy };
    marker = last;
  }
}

/** Reads our SHA-256 metadata of the multipart objects among `keys`, whose ETags are no MD5. */
export async function fetchMultipartHashes(
  client: S3Client,
  ctx: RetryContext,
  objects: RemoteObject[],
  concurrency: number,
): Promise<void> {
  const limit = pLimit(concurrency);
  await Promise.all(
    objects
      .filter((o) => isMultipartEtag(o.etag))
      .map((object) =>
        limit(async () => {
          const head = await withRetry(`read metadata of ${object.key}`, ctx, () =>
            client.send(new HeadObjectCommand({ Bucket: ctx.target.bucket, Key: object.key }), { abortSignal: ctx.signal }),
          );
          object.sha256 = head.Metadata?.[sha256MetadataKey];
        }),
      ),
  );
}
