/**
 * Where Runway keeps its own files between deployments (kept frontend builds, release manifests):
 * a private S3 bucket shared by every replica (`RUNWAY_ARTIFACTS_BUCKET`), or a folder on this
 * machine when none is set. Never a website bucket: nothing here may be served to the public.
 * Keys are built by artifact-location.ts only.
 */
export interface ArtifactStore {
  /** For messages: `s3://bucket/prefix` or the folder. */
  readonly location: string;
  /** The bucket, when on S3 (a site must never be deployed into it). */
  readonly bucket: string | undefined;
  /** Whether every replica sees the same artifacts (false for a local folder). */
  readonly shared: boolean;
  put(key: string, body: Buffer | string, contentType?: string): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Every key under `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
  delete(keys: readonly string[]): Promise<void>;
}
