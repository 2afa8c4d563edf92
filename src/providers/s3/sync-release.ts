import { setMaxListeners } from 'node:events';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SiteRef } from '../../artifacts/artifact-location.ts';
import type { ArtifactStore } from '../../artifacts/artifact-store.ts';
import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import type { StepLog } from '../../deployments/step.ts';
import { deleteKeys } from './delete-keys.ts';
import { removeLegacyRunwayFolder } from './legacy-runway-folder.ts';
import { hashLocalFiles, listLocalFiles, sha256Files, type LocalFile } from './local-files.ts';
import { readCurrentManifest, writeManifest, type ReleaseManifest } from './manifest.ts';
import { decideSync, type SyncPlan } from './decide-sync.ts';
import { formatBytes } from './progress.ts';
import { fetchMultipartHashes, isMultipartEtag, listRemoteObjects, type RemoteObject } from './remote-objects.ts';
import type { S3Target } from './target.ts';
import { uploadAll } from './upload-all.ts';
import type { RetryContext } from './with-retry.ts';

export interface SyncRequest {
  readonly client: S3Client;
  readonly target: S3Target;
  readonly config: S3FrontendConfig;
  /** Folder whose files become the site. */
  readonly dir: string;
  /** The release (commit) these files are. */
  readonly sha: string;
  /** Where the site's release manifests live (never its own bucket). */
  readonly artifacts: ArtifactStore;
  readonly site: SiteRef;
  readonly log: StepLog;
  readonly signal: AbortSignal;
  readonly now?: () => Date;
}

export interface SyncResult {
  readonly uploaded: number;
  readonly uploadedBytes: number;
  readonly deleted: number;
  readonly unchanged: number;
  readonly keptStale: number;
  /** The release that was live before. */
  readonly previous: string | null;
}

/** Looks at the build and the bucket and decides, writing nothing. */
export async function inspectSync(request: SyncRequest): Promise<{ plan: SyncPlan; current: ReleaseManifest | undefined }> {
  const { client, target, config, dir, log, signal } = request;
  // Every request in flight (up to `concurrency`, plus listing and hashing) listens to the signal.
  setMaxListeners(config.concurrency * 2 + 10, signal);
  const ctx: RetryContext = { target, log, signal };
  // Bucket first-class errors (missing bucket, credentials, endpoint) win over local ones.
  // The local side is hashed while the bucket is listed: on a resync nearly every file is already
  // there and needs its hash, and the listing is time spent waiting on the server anyway.
  const localSide = listLocalFiles(dir).then(async (files) => ({ files, sha256s: await sha256Files(files, signal) }));
  const settled = await Promise.allSettled([
    listRemoteObjects(client, ctx),
    readCurrentManifest(request.artifacts, request.site),
    localSide,
  ]);
  const remote = unwrap(settled[0]);
  const current = unwrap(settled[1]);
  const { files: listed, sha256s } = unwrap(settled[2]);
  const keyOf = (file: LocalFile) => target.prefix + file.relativeKey;
  const localKeys = new Set(listed.map(keyOf));
  await fetchMultipartHashes(
    client,
    ctx,
    [...remote.values()].filter((o) => localKeys.has(o.key)),
    config.concurrency,
  );
  const local = await hashLocalFiles(
    listed,
    sha256s,
    (file) => remote.has(keyOf(file)),
    (file, sha256) => md5ProvenByManifest(keyOf(file), sha256, remote, current),
    signal,
  );
  const plan = decideSync({ local, remote, current, prefix: target.prefix, config, now: (request.now ?? (() => new Date()))() });
  return { plan, current };
}

/**
 * Makes the bucket serve `dir`: new and changed assets first, then the HTML entry points (so no page
 * ever names an asset that is not there yet), then the manifest, then the stale deletes — last, and
 * only after every check passed, so a failure never leaves the live site without its files.
 */
export async function syncRelease(request: SyncRequest): Promise<SyncResult> {
  const { client, target, config, sha, log, signal } = request;
  const ctx: RetryContext = { target, log, signal };
  const { plan, current } = await inspectSync(request);
  const uploads = [...plan.assets, ...plan.html];
  const uploadedBytes = uploads.reduce((sum, f) => sum + f.size, 0);
  log.line(
    `${sha.slice(0, 7)}: ${uploads.length} files to upload (${formatBytes(uploadedBytes)}), ${plan.unchanged} unchanged, ${plan.deletes.length} to delete, ${Object.keys(plan.keptStale).length} stale kept`,
  );

  const uploadedAssets = await uploadAll(client, ctx, plan.assets, config.concurrency, 'assets');
  const uploadedHtml = await uploadAll(client, ctx, plan.html, config.concurrency, 'html');

  const previous = current === undefined ? null : current.sha === sha ? current.previous : current.sha;
  const files = Object.fromEntries(
    Object.entries({ ...plan.kept, ...uploadedAssets, ...uploadedHtml }).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  // Re-syncing the live release with nothing to change leaves its manifest as it is.
  const unchangedRelease =
    current?.sha === sha && uploads.length === 0 && plan.deletes.length === 0 && sameRecord(current.stale, plan.keptStale);
  if (!unchangedRelease) {
    const manifest = {
      version: 1 as const,
      sha,
      previous,
      syncedAt: new Date().toISOString(),
      prefix: target.prefix,
      files,
      stale: plan.keptStale,
    };
    await writeManifest(request.artifacts, request.site, manifest);
  }
  await removeLegacyRunwayFolder(client, ctx);

  if (plan.deletes.length > 0) {
    await deleteKeys(client, ctx, plan.deletes);
    log.line(`deleted ${plan.deletes.length} stale files`);
  }
  return {
    uploaded: uploads.length,
    uploadedBytes,
    deleted: plan.deletes.length,
    unchanged: plan.unchanged,
    keptStale: Object.keys(plan.keptStale).length,
    previous,
  };
}

function unwrap<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/**
 * A file's MD5 without hashing it again: when the object's ETag is the MD5 the live manifest recorded
 * and the manifest's SHA-256 for that key equals the file's, the contents are the same bytes.
 */
function md5ProvenByManifest(
  key: string,
  sha256: string,
  remote: ReadonlyMap<string, RemoteObject>,
  current: ReleaseManifest | undefined,
): string | undefined {
  const recorded = current?.files[key];
  const object = remote.get(key);
  if (recorded === undefined || object === undefined || recorded.sha256 !== sha256) return undefined;
  const same = isMultipartEtag(object.etag) ? object.sha256 === sha256 : recorded.md5 === object.etag;
  return same ? recorded.md5 : undefined;
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
