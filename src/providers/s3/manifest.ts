import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { runwayFolder, type S3Target } from './target.ts';
import { withRetry, type RetryContext } from './with-retry.ts';

const manifestFile = z.object({
  md5: z.string(),
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  contentType: z.string(),
  cacheControl: z.string(),
});

/** What one release put in the bucket; `current.json` is the live one. */
export const releaseManifest = z.object({
  version: z.literal(1),
  sha: z.string(),
  /** The release that was live before this one (what an undo restores). */
  previous: z.string().nullable(),
  syncedAt: z.string(),
  prefix: z.string(),
  /** Full key → content. */
  files: z.record(z.string(), manifestFile),
  /** Keys no longer used but kept for keep_stale_seconds: full key → ISO time they became stale. */
  stale: z.record(z.string(), z.string()),
});

export type ReleaseManifest = z.infer<typeof releaseManifest>;
export type ManifestFile = z.infer<typeof manifestFile>;

export function manifestKey(target: S3Target, sha: string): string {
  return `${runwayFolder(target)}manifests/${sha}.json`;
}

export function currentManifestKey(target: S3Target): string {
  return `${runwayFolder(target)}current.json`;
}

/** The live release's manifest, or undefined before the first sync. */
export async function readCurrentManifest(client: S3Client, ctx: RetryContext): Promise<ReleaseManifest | undefined> {
  const key = currentManifestKey(ctx.target);
  const body = await withRetry(`read ${key}`, ctx, async () => {
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket: ctx.target.bucket, Key: key }), { abortSignal: ctx.signal });
      return await answer.Body?.transformToString('utf8');
    } catch (err) {
      if (err instanceof Error && err.name === 'NoSuchKey') return undefined;
      throw err;
    }
  });
  return body === undefined ? undefined : releaseManifest.parse(JSON.parse(body));
}

/** Writes the manifest under `.runway/manifests/<sha>.json`, as `current.json`, and into `localDir`. */
export async function writeManifest(client: S3Client, ctx: RetryContext, manifest: ReleaseManifest, localDir: string): Promise<void> {
  const body = `${JSON.stringify(manifest, null, 2)}\n`;
  const localPath = join(localDir, `${manifest.sha}.json`);
  await mkdir(dirname(localPath), { recursive: true });
  await writeFile(localPath, body);
  // The release's own copy first: current.json must never name a release whose manifest is missing.
  for (const key of [manifestKey(ctx.target, manifest.sha), currentManifestKey(ctx.target)]) {
    await withRetry(`write ${key}`, ctx, () =>
      client.send(
        new PutObjectCommand({
          Bucket: ctx.target.bucket,
          Key: key,
          Body: body,
          ContentType: 'application/json',
          CacheControl: 'no-cache',
        }),
        { abortSignal: ctx.signal },
      ),
    );
  }
}
