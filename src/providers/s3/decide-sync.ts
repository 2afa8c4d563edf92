import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import { cacheControlFor, contentTypeFor, isHtml } from './cache-rules.ts';
import type { FileHashes, LocalFile } from './local-files.ts';
import type { ManifestFile, ReleaseManifest } from './manifest.ts';
import { isMultipartEtag, type RemoteObject } from './remote-objects.ts';

/** One file to put in the bucket. */
export interface PlannedUpload {
  readonly key: string;
  readonly path: string;
  readonly size: number;
  readonly contentType: string;
  readonly cacheControl: string;
  /** Known when the decision needed them; a new file's MD5 is computed as it is read for the upload. */
  readonly hashes?: FileHashes | undefined;
  /** The file's SHA-256 when the sync knows it already (always, in a sync). */
  readonly sha256?: string | undefined;
  /** Why it goes up: `new`, `changed` content, or changed `headers` (Content-Type / Cache-Control). */
  readonly reason: 'new' | 'changed' | 'headers';
}

/** What a sync does, in order: assets, then HTML entry points, then deletes. */
export interface SyncPlan {
  readonly assets: PlannedUpload[];
  readonly html: PlannedUpload[];
  /** Full keys under the prefix that the release no longer uses and whose grace time is over. */
  readonly deletes: string[];
  /** Stale keys still kept (keep_stale_seconds), with the time they became stale. */
  readonly keptStale: Record<string, string>;
  readonly unchanged: number;
  /** Manifest entries of the files already in place (the uploads add theirs). */
  readonly kept: Record<string, ManifestFile>;
}

export interface PlanInput {
  readonly local: readonly LocalFile[];
  readonly remote: ReadonlyMap<string, RemoteObject>;
  /** The live release's manifest: its stale records and the headers its files were sent with. */
  readonly current: ReleaseManifest | undefined;
  readonly prefix: string;
  readonly config: Pick<S3FrontendConfig, 'cache_control' | 'keep_stale_seconds'>;
  readonly now: Date;
}

/** Decides, by content only (never size or time), which files go up and which keys go away. */
export function decideSync({ local, remote, current, prefix, config, now }: PlanInput): SyncPlan {
  const assets: PlannedUpload[] = [];
  const html: PlannedUpload[] = [];
  const kept: Record<string, ManifestFile> = {};
  const localKeys = new Set<string>();
  let unchanged = 0;
  for (const file of local) {
    const key = prefix + file.relativeKey;
    localKeys.add(key);
    const headers = { contentType: contentTypeFor(key), cacheControl: cacheControlFor(key, config.cache_control) };
    const object = remote.get(key);
    const reason = object === undefined ? 'new' : uploadReason(object, key, file.hashes, headers, current?.files[key]);
    if (reason === undefined) {
      unchanged++;
      kept[key] = { ...file.hashes!, size: file.size, ...headers };
      continue;
    }
    (isHtml(key) ? html : assets).push({
      key,
      path: file.path,
      size: file.size,
      hashes: file.hashes,
      sha256: file.sha256,
      reason,
      ...headers,
    });
  }

  const deletes: string[] = [];
  const keptStale: Record<string, string> = {};
  for (const key of [...remote.keys()].sort()) {
    if (localKeys.has(key)) continue;
    const since = current?.stale[key] ?? now.toISOString();
    if (now.getTime() - Date.parse(since) >= config.keep_stale_seconds * 1000) deletes.push(key);
    else keptStale[key] = since;
  }
  return { assets, html, deletes, keptStale, unchanged, kept };
}

function uploadReason(
  remote: RemoteObject,
  key: string,
  hashes: FileHashes | undefined,
  headers: { contentType: string; cacheControl: string },
  sent: ManifestFile | undefined,
): PlannedUpload['reason'] | undefined {
  if (hashes === undefined) throw new Error(`${key} exists in the bucket but was not hashed`);
  const same = isMultipartEtag(remote.etag) ? remote.sha256 === hashes.sha256 : remote.etag === hashes.md5;
  if (!same) return 'changed';
  // Headers are not in the listing; the live manifest says what they were sent with. A file the
  // manifest does not know (uploaded by hand or by another tool) keeps its headers.
  if (
    sent !== undefined &&
    sent.sha256 === hashes.sha256 &&
    (sent.contentType !== headers.contentType || sent.cacheControl !== headers.cacheControl)
  ) {
    return 'headers';
  }
  return undefined;
}
