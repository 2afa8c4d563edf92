import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isHtml } from './cache-rules.ts';
import type { LiveManifest, ReleaseManifest } from './manifest.ts';
import { listRemoteObjects, sha256MetadataKey, type RemoteObject } from './remote-objects.ts';
import type { SyncRecordRead } from './sync-record.ts';
import type { S3Target } from './target.ts';
import { withRetry, type RetryContext } from './with-retry.ts';

/** What the sync takes the bucket to hold under the prefix, and where it learnt it. */
export interface BucketView {
  readonly objects: Map<string, RemoteObject>;
  /** Keys left in Runway 0.1's `.runway/` folder (a listing finds them; a trusted manifest has none). */
  readonly legacy: string[];
  /** True when the bucket was listed (a verification); false when the live manifest stood for it. */
  readonly listed: boolean;
}

export interface TrustInput {
  readonly live: LiveManifest | undefined;
  readonly record: SyncRecordRead;
  readonly target: S3Target;
  /** A listing was asked for (`verify`), whatever the record says. */
  readonly verify: boolean;
  /** `verify_hours`: list when the last listing is at least this old; 0 lists on every sync. */
  readonly verifyHours: number;
  readonly now: Date;
}

/**
 * Why the bucket must be listed, or undefined when the live manifest can stand for the listing: it
 * is the very manifest Runway's last complete sync left (same bytes as recorded), for this bucket,
 * endpoint and prefix, and the bucket was listed less than `verify_hours` ago.
 */
export function listingReason({ live, record, target, verify, verifyHours, now }: TrustInput): string | undefined {
  if (verify) return 'verification asked for';
  if (verifyHours === 0) return 'verify_hours is 0';
  if (live === undefined) return 'no live manifest';
  if (!record.ok) return record.reason;
  const last = record.record;
  if (last === undefined) return 'no record of a complete sync';
  if (last.manifestVersion !== live.version) return 'the live manifest is not the one Runway left after its last complete sync';
  if (last.bucket !== target.bucket || last.prefix !== target.prefix || last.endpoint !== (target.endpoint ?? null)) {
    return `the last sync went to ${last.bucket}/${last.prefix}`;
  }
  const age = now.getTime() - Date.parse(last.verifiedAt);
  if (!(age < verifyHours * 3_600_000)) return `last listed ${last.verifiedAt}, over ${verifyHours} h ago`;
  return undefined;
}

/** The bucket as a trusted manifest says it is: its files, and the stale keys not yet deleted. */
export function objectsFromManifest(manifest: ReleaseManifest): Map<string, RemoteObject> {
  const objects = new Map<string, RemoteObject>();
  // The MD5 stands in for the ETag (a multipart object's real ETag is no MD5); the sync only compares contents.
  for (const [key, file] of Object.entries(manifest.files)) objects.set(key, { key, etag: file.md5, size: file.size, sha256: file.sha256 });
  // Stale keys are still in the bucket; their contents are not recorded, so a build that has one again uploads it.
  for (const key of Object.keys(manifest.stale)) if (!objects.has(key)) objects.set(key, { key, etag: '', size: 0 });
  return objects;
}

/**
 * One HEAD on the site's entry page (else its first file): a bucket emptied, recreated or synced by
 * another tool since Runway's last sync shows there, at the price of one request instead of a listing.
 */
export async function entryMatchesManifest(client: S3Client, ctx: RetryContext, manifest: ReleaseManifest): Promise<string | undefined> {
  const keys = Object.keys(manifest.files);
  const key = keys.find((k) => k === `${manifest.prefix}index.html`) ?? keys.find((k) => isHtml(k)) ?? keys[0];
  if (key === undefined) return 'the live manifest names no file';
  const recorded = manifest.files[key]!;
  const head = await withRetry(`read metadata of ${key}`, ctx, () =>
    client.send(new HeadObjectCommand({ Bucket: ctx.target.bucket, Key: key }), { abortSignal: ctx.signal }).catch((err: unknown) => {
      if ((err as { name?: string }).name === 'NotFound') return undefined;
      throw err;
    }),
  );
  if (head === undefined) return `${key} is missing from the bucket`;
  const etag = (head.ETag ?? '').replaceAll('"', '');
  const same = etag === recorded.md5 || head.Metadata?.[sha256MetadataKey] === recorded.sha256;
  return same && head.ContentLength === recorded.size ? undefined : `${key} was changed outside Runway`;
}

/**
 * Where a sync learns what the bucket holds: from the live manifest when `listingReason` finds no
 * reason to list and the entry page agrees, else from a full listing. Logs which, and why.
 */
export async function readBucketView(client: S3Client, ctx: RetryContext, trust: TrustInput): Promise<BucketView> {
  let reason = listingReason(trust);
  if (reason === undefined) reason = await entryMatchesManifest(client, ctx, trust.live!.manifest);
  if (reason === undefined) {
    const verifiedAt = trust.record.ok ? trust.record.record?.verifiedAt : undefined;
    ctx.log.line(`bucket contents from the live manifest (Runway's own last sync; bucket last listed ${verifiedAt})`);
    return { objects: objectsFromManifest(trust.live!.manifest), legacy: [], listed: false };
  }
  ctx.log.line(`listing the bucket: ${reason}`);
  const { objects, legacy } = await listRemoteObjects(client, ctx);
  return { objects, legacy, listed: true };
}
