import { DeleteObjectsCommand, GetObjectCommand, ListObjectsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ArtifactStore } from './artifact-store.ts';

export interface S3ArtifactsConfig {
  readonly bucket: string;
  /** '' or ending in '/'. */
  readonly prefix: string;
  readonly region: string;
  /** Explicit endpoint (AWS_ENDPOINT_URL_S3); undefined means AWS itself. */
  readonly endpoint: string | undefined;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** Artifacts in a private bucket that every replica reaches (same endpoint and credentials as the sites). */
export function s3ArtifactStore(config: S3ArtifactsConfig): ArtifactStore & { close(): void } {
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint, forcePathStyle: true }),
    credentials: config.credentials,
    maxAttempts: 4,
    // As for sites: S3-compatible servers (s3rver, older MinIO) cannot read the newer default checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const { bucket, prefix } = config;
  return {
    location: `s3://${bucket}/${prefix}`,
    bucket,
    shared: true,
    async put(key, body, contentType = 'application/octet-stream') {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: prefix + key, Body: body, ContentType: contentType }));
    },
    async get(key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix + key }));
        return Buffer.from(await answer.Body!.transformToByteArray());
      } catch (err) {
        if (err instanceof Error && err.name === 'NoSuchKey') return undefined;
        throw err;
      }
    },
    async list(under) {
      // ListObjects v1 with markers, as for sites (s3rver's v2 continuation tokens need DES).
      const keys: string[] = [];
      let marker: string | undefined;
      for (;;) {
        const page = await client.send(
          new ListObjectsCommand({ Bucket: bucket, Prefix: prefix + under, ...(marker && { Marker: marker }) }),
        );
        const contents = page.Contents ?? [];
        for (const item of contents) if (item.Key !== undefined) keys.push(item.Key.slice(prefix.length));
        marker = contents.at(-1)?.Key;
        if (page.IsTruncated !== true || marker === undefined) return keys.sort();
      }
    },
    async delete(keys) {
      for (let start = 0; start < keys.length; start += 1000) {
        const batch = keys.slice(start, start + 1000).map((key) => ({ Key: prefix + key }));
        const answer = await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }));
        const first = answer.Errors?.[0];
        if (first)
          throw new Error(`S3 refused to delete ${answer.Errors!.length} artifacts in ${bucket}, e.g. ${first.Key} (${first.Code})`);
      }
    },
    close: () => client.destroy(),
  };
}
