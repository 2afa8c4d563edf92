import path from 'node:path';
import type { ArtifactStore } from './artifact-store.ts';
import { localArtifactStore } from './local-artifact-store.ts';
import { s3ArtifactStore, type S3ArtifactsConfig } from './s3-artifact-store.ts';

/** The private bucket when one is set (`RUNWAY_ARTIFACTS_BUCKET`), else `<data dir>/artifacts`. */
export function openArtifactStore(s3: S3ArtifactsConfig | undefined, dataDir: string): ArtifactStore & { close(): void } {
  if (s3 !== undefined) return s3ArtifactStore(s3);
  return { ...localArtifactStore(path.join(dataDir, 'artifacts')), close: () => undefined };
}
