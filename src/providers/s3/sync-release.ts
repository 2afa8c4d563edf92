import { deleteKeys } from './delete-keys.ts';
import { inspectSync, type SyncRequest } from './inspect-sync.ts';
import { removeLegacyRunwayFolder } from './legacy-runway-folder.ts';
import { writeManifest } from './manifest.ts';
import { formatBytes } from './progress.ts';
import { clearSyncRecord, writeSyncRecord } from './sync-record.ts';
import { uploadAll } from './upload-all.ts';
import type { RetryContext } from './with-retry.ts';

export { inspectSync, type SyncRequest } from './inspect-sync.ts';

export interface SyncResult {
  readonly uploaded: number;
  readonly uploadedBytes: number;
  readonly deleted: number;
  readonly unchanged: number;
  readonly keptStale: number;
  /** The release that was live before. */
  readonly previous: string | null;
  /** Whether the bucket was listed (else the live manifest, Runway's own last write, stood for it). */
  readonly listed: boolean;
}

/**
 * Makes the bucket serve `dir`: new and changed assets first, then the HTML entry points (so no page
 * ever names an asset that is not there yet), then the manifest, then the stale deletes — last, and
 * only after every check passed, so a failure never leaves the live site without its files. The
 * sync record goes before the first write and comes back after the last one (sync-record.ts).
 */
export async function syncRelease(request: SyncRequest): Promise<SyncResult> {
  const { client, target, config, sha, log, signal, artifacts, site } = request;
  const ctx: RetryContext = { target, log, signal };
  const startedAt = (request.now ?? (() => new Date()))();
  const { plan, live, bucket, record } = await inspectSync(request);
  const current = live?.manifest;
  const uploads = [...plan.assets, ...plan.html];
  const uploadedBytes = uploads.reduce((sum, f) => sum + f.size, 0);
  log.line(
    `${sha.slice(0, 7)}: ${uploads.length} files to upload (${formatBytes(uploadedBytes)}), ${plan.unchanged} unchanged, ${plan.deletes.length} to delete, ${Object.keys(plan.keptStale).length} stale kept`,
  );
  const previous = current === undefined ? null : current.sha === sha ? current.previous : current.sha;
  // Re-syncing the live release with nothing to change leaves its manifest as it is.
  const unchangedRelease =
    current?.sha === sha && uploads.length === 0 && plan.deletes.length === 0 && sameRecord(current.stale, plan.keptStale);
  const writes = !unchangedRelease || bucket.legacy.length > 0;
  if (writes) await clearSyncRecord(artifacts, site);

  const uploadedAssets = await uploadAll(client, ctx, plan.assets, config.concurrency, 'assets');
  const uploadedHtml = await uploadAll(client, ctx, plan.html, config.concurrency, 'html');

  let manifestVersion = live?.version;
  if (!unchangedRelease) {
    const files = Object.fromEntries(
      Object.entries({ ...plan.kept, ...uploadedAssets, ...uploadedHtml }).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    const manifest = {
      version: 1 as const,
      sha,
      previous,
      syncedAt: new Date().toISOString(),
      prefix: target.prefix,
      files,
      stale: plan.keptStale,
    };
    manifestVersion = await writeManifest(artifacts, site, manifest);
  }
  await removeLegacyRunwayFolder(client, ctx, bucket.legacy);

  if (plan.deletes.length > 0) {
    await deleteKeys(client, ctx, plan.deletes);
    log.line(`deleted ${plan.deletes.length} stale files`);
  }
  // A trusted no-op wrote nothing and leaves the record as it is; otherwise the bucket now matches the manifest.
  const verifiedAt = bucket.listed ? startedAt.toISOString() : record?.verifiedAt;
  if ((writes || bucket.listed) && manifestVersion !== undefined && verifiedAt !== undefined) {
    await writeSyncRecord(artifacts, site, {
      version: 1,
      manifestVersion,
      bucket: target.bucket,
      prefix: target.prefix,
      endpoint: target.endpoint ?? null,
      verifiedAt,
    });
  }
  return {
    uploaded: uploads.length,
    uploadedBytes,
    deleted: plan.deletes.length,
    unchanged: plan.unchanged,
    keptStale: Object.keys(plan.keptStale).length,
    previous,
    listed: bucket.listed,
  };
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
