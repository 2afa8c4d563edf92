import { z } from 'zod';
import { syncRecordKey, type SiteRef } from '../../artifacts/artifact-location.ts';
import type { ArtifactStore } from '../../artifacts/artifact-store.ts';

/**
 * What Runway writes (`synced.json`, beside `current.json`) once a sync has finished every write and
 * delete: the version of the live manifest it left, where the site is, and when the bucket was last
 * listed. It is removed before a sync's first write to the bucket, so a sync that stopped half-way
 * leaves no record, and a manifest that someone else wrote does not match it.
 */
export const syncRecord = z.object({
  version: z.literal(1),
  /** SHA-256 of the bytes of `current.json` as Runway wrote it. */
  manifestVersion: z.string(),
  bucket: z.string(),
  prefix: z.string(),
  endpoint: z.string().nullable(),
  /** When a sync last listed the bucket and made it match the manifest (ISO time). */
  verifiedAt: z.string(),
});

export type SyncRecord = z.infer<typeof syncRecord>;

export type SyncRecordRead = { ok: true; record: SyncRecord | undefined } | { ok: false; reason: string };

/** The record of the site's last complete sync; one that does not parse is a reason to list the bucket, not an error. */
export async function readSyncRecord(artifacts: ArtifactStore, site: SiteRef): Promise<SyncRecordRead> {
  const body = await artifacts.get(syncRecordKey(site));
  if (body === undefined) return { ok: true, record: undefined };
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    return { ok: false, reason: `${syncRecordKey(site)} is not JSON (${(err as Error).message})` };
  }
  const parsed = syncRecord.safeParse(json);
  return parsed.success ? { ok: true, record: parsed.data } : { ok: false, reason: `${syncRecordKey(site)} is not a sync record` };
}

export async function writeSyncRecord(artifacts: ArtifactStore, site: SiteRef, record: SyncRecord): Promise<void> {
  await artifacts.put(syncRecordKey(site), `${JSON.stringify(record, null, 2)}\n`, 'application/json');
}

/** Called before a sync's first write: until the sync ends, the manifest no longer speaks for the bucket. */
export async function clearSyncRecord(artifacts: ArtifactStore, site: SiteRef): Promise<void> {
  await artifacts.delete([syncRecordKey(site)]);
}
