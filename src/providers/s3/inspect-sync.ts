import type { S3Client } from '@aws-sdk/client-s3';
import type { SiteRef } from '../../artifacts/artifact-location.ts';
import type { ArtifactStore } from '../../artifacts/artifact-store.ts';
import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import type { StepLog } from '../../deployments/step.ts';
import { readBucketView, type BucketView } from './bucket-view.ts';
import { decideSync, type SyncPlan } from './decide-sync.ts';
import { hashLocalFiles, listLocalFiles, sha256Files, type LocalFile } from './local-files.ts';
import { readLiveManifest, type LiveManifest, type ReleaseManifest } from './manifest.ts';
import { fetchMultipartHashes, isMultipartEtag, type RemoteObject } from './remote-objects.ts';
import { requestSignal } from './request-signal.ts';
import { readSyncRecord, type SyncRecord } from './sync-record.ts';
import type { S3Target } from './target.ts';
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
  /** List the whole bucket even when the live manifest could stand for it (see bucket-view.ts). */
  readonly verify?: boolean;
  readonly now?: () => Date;
}

export interface Inspection {
  readonly plan: SyncPlan;
  readonly live: LiveManifest | undefined;
  readonly bucket: BucketView;
  /** The record of the last complete sync, when there is a valid one. */
  readonly record: SyncRecord | undefined;
}

/** Looks at the build and the bucket and decides, writing nothing. */
export async function inspectSync(request: SyncRequest): Promise<Inspection> {
  const { client, target, config, dir, log, artifacts, site } = request;
  const now = (request.now ?? (() => new Date()))();
  const signal = requestSignal([request.signal], config.concurrency);
  const ctx: RetryContext = { target, log, signal };
  // The build is hashed while the artifact store and the bucket answer: on a resync nearly every file
  // is already there and needs its hash, and those requests are time spent waiting anyway.
  const localSide = listLocalFiles(dir).then(async (files) => ({ files, sha256s: await sha256Files(files, signal) }));
  const remoteSide = Promise.all([readLiveManifest(artifacts, site), readSyncRecord(artifacts, site)]).then(async ([live, record]) => {
    const trust = { live, record, target, verify: request.verify ?? false, verifyHours: config.verify_hours, now };
    return { live, record, bucket: await readBucketView(client, ctx, trust) };
  });
  // Bucket first-class errors (missing bucket, credentials, endpoint) win over local ones.
  const settled = await Promise.allSettled([remoteSide, localSide]);
  const { live, record, bucket } = unwrap(settled[0]);
  const { files: listed, sha256s } = unwrap(settled[1]);
  const current = live?.manifest;
  const remote = bucket.objects;
  const keyOf = (file: LocalFile) => target.prefix + file.relativeKey;
  const localKeys = new Set(listed.map(keyOf));
  if (bucket.listed) {
    await fetchMultipartHashes(
      client,
      ctx,
      [...remote.values()].filter((o) => localKeys.has(o.key)),
      config.concurrency,
    );
  }
  const local = await hashLocalFiles(
    listed,
    sha256s,
    (file) => remote.has(keyOf(file)),
    (file, sha256) => md5ProvenByManifest(keyOf(file), sha256, remote, current),
    signal,
  );
  const plan = decideSync({ local, remote, current, prefix: target.prefix, config, now });
  return { plan, live, bucket, record: record.ok ? record.record : undefined };
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
