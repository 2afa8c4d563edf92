import { createHash } from 'node:crypto';
import { z } from 'zod';
import { currentManifestKey, releaseManifestKey, type SiteRef } from '../../artifacts/artifact-location.ts';
import type { ArtifactStore } from '../../artifacts/artifact-store.ts';

const manifestFile = z.object({
  md5: z.string(),
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  contentType: z.string(),
  cacheControl: z.string(),
});

/**
 * What one release put in the bucket; `current.json` is the live one. Kept in Runway's artifact
 * store (see artifact-location.ts), never in the site's bucket, where the website would serve it.
 */
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

/** The live manifest and its version: the SHA-256 of its bytes, which Runway records after a complete sync. */
export interface LiveManifest {
  readonly manifest: ReleaseManifest;
  readonly version: string;
}

/** The live release's manifest of a site, or undefined before its first sync. */
export async function readCurrentManifest(artifacts: ArtifactStore, site: SiteRef): Promise<ReleaseManifest | undefined> {
  return (await readLiveManifest(artifacts, site))?.manifest;
}

/** The live release's manifest with its version, or undefined before the site's first sync. */
export async function readLiveManifest(artifacts: ArtifactStore, site: SiteRef): Promise<LiveManifest | undefined> {
  const body = await artifacts.get(currentManifestKey(site));
  if (body === undefined) return undefined;
  return { manifest: releaseManifest.parse(JSON.parse(body.toString('utf8'))), version: manifestVersion(body) };
}

/**
 * Writes a release's manifest, then makes it the live one (`current.json`), in the artifact store.
 * Returns the version of what it wrote.
 */
export async function writeManifest(artifacts: ArtifactStore, site: SiteRef, manifest: ReleaseManifest): Promise<string> {
  const body = `${JSON.stringify(manifest, null, 2)}\n`;
  // The release's own copy first: current.json must never name a release whose manifest is missing.
  await artifacts.put(releaseManifestKey(site, manifest.sha), body, 'application/json');
  await artifacts.put(currentManifestKey(site), body, 'application/json');
  return manifestVersion(Buffer.from(body));
}

function manifestVersion(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
