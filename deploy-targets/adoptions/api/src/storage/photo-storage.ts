import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, NotFound } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export type StorageSettings = {
  bucket: string;
  region: string;
  endpoint: string | undefined;
  /** Absent: the SDK's default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY on Heroku). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

export type UploadTarget = { method: 'PUT'; url: string; key: string; headers: Record<string, string>; expiresIn: number };

export type PhotoStorage = {
  readonly bucket: string;
  /** A presigned PUT for a new object under `animals/<id>/`. */
  uploadUrl(animalId: string, contentType: string, extension: string): Promise<UploadTarget>;
  /** Size and type of a stored object, or undefined when nothing is there. */
  stat(key: string): Promise<{ size: number; contentType: string | undefined } | undefined>;
  /** A presigned GET, so that the bucket can stay private; with `fileName`, browsers save it under that name. */
  downloadUrl(key: string, fileName?: string): Promise<string>;
  /** The bytes of a stored object (a photo to resize). */
  load(key: string): Promise<Uint8Array>;
  /** Stores a file the API made itself (an export, a photo size). */
  save(key: string, body: Uint8Array, contentType: string): Promise<void>;
};

const uploadSeconds = 15 * 60;
const downloadSeconds = 60 * 60;

/** IP endpoints (MinIO, s3rver, LocalStack) cannot use bucket subdomains. */
export function usesPathStyle(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  return isIP(host) !== 0 || host === 'localhost';
}

export function s3PhotoStorage(settings: StorageSettings): PhotoStorage {
  const s3 = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: usesPathStyle(settings.endpoint),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // A presigned PUT cannot carry a checksum the browser does not compute.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const bucket = settings.bucket;
  return {
    bucket,
    async uploadUrl(animalId, contentType, extension) {
      const key = `animals/${animalId}/${randomUUID()}.${extension}`;
      const command = new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType });
      const url = await getSignedUrl(s3, command, { expiresIn: uploadSeconds });
      return { method: 'PUT', url, key, headers: { 'content-type': contentType }, expiresIn: uploadSeconds };
    },
    async stat(key) {
      try {
        const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { size: head.ContentLength ?? 0, contentType: head.ContentType };
      } catch (error) {
        if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return undefined;
        throw error;
      }
    },
    downloadUrl(key, fileName) {
      const disposition = fileName ? { ResponseContentDisposition: `attachment; filename="${fileName}"` } : {};
      return getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key, ...disposition }), { expiresIn: downloadSeconds });
    },
    async load(key) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return object.Body!.transformToByteArray();
    },
    async save(key, body, contentType) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
  };
}
