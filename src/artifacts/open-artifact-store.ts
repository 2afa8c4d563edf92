import path from 'node:path';
import type { ArtifactStore } from './artifact-store.ts';
import { localArtifactStore } from './local-artifact-store.ts';
import type { S3ArtifactsConfig } from './s3-artifact-store.ts';

/**
 * The private bucket when one is set (`RUNWAY_ARTIFACTS_BUCKET`), else `<data dir>/artifacts`. The
 * AWS SDK (~25 MiB) is loaded only for the bucket.
 */
export async function openArtifactStore(s3: S3ArtifactsConfig | undefined, dataDir: string): Promise<ArtifactStore & { close(): void }> {
  if (s3 !== undefined) return (await import('./s3-artifact-store.ts')).s3ArtifactStore(s3);
  return { ...localArtifactStore(path.join(dataDir, 'artifacts')), close: () => undefined };
}
