import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { chmod, cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { deployConfig, type S3FrontendConfig } from '../../src/config/deploy-config.ts';
import { localArtifactStore } from '../../src/artifacts/local-artifact-store.ts';
import type { ProviderDeps } from '../../src/providers/provider.ts';
import { testSandbox } from './command-sandbox.ts';
import { sandboxCredentials } from '../../sandbox/s3/index.ts';

export const fixtureSite = join(import.meta.dirname, '../../fixtures/sites/hello-api');

/** A fresh copy of the fixture site to build in (the "checkout"). */
export async function checkoutFixture(root: string, name = 'checkout'): Promise<string> {
  const dir = join(root, name);
  await cp(fixtureSite, dir, { recursive: true, filter: (source) => !source.includes('/dist') });
  return dir;
}

/** A scratch folder the sandbox user may pass through (mkdtemp makes it 0700; see docs/architecture.md). */
export async function tempRoot(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `runway-${label}-`));
  await chmod(dir, 0o711);
  return dir;
}

/** Parses a frontend section through the real schema, so the defaults are the real ones. */
export function s3Config(section: Record<string, unknown>): S3FrontendConfig {
  const parsed = deployConfig.parse({ environments: { production: { frontend: { provider: 's3', ...section } } } });
  const frontend = parsed.environments.production?.frontend;
  if (frontend?.provider !== 's3') throw new Error('not an s3 frontend');
  return frontend;
}

/** Provider deps for S3 steps run without Runway; builds run in a sandbox under workDir's parent. */
export function s3Deps(workDir: string, env: Record<string, string | undefined> = {}): ProviderDeps {
  return {
    serverEnv: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ACCESS_KEY_ID: sandboxCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sandboxCredentials.secretAccessKey,
      ...env,
    },
    herokuApiUrl: 'http://127.0.0.1:9',
    herokuDataApiUrl: 'http://127.0.0.1:9',
    workDir,
    sandbox: testSandbox(dirname(workDir)),
    artifacts: localArtifactStore(join(workDir, 'artifacts')),
  };
}

export { sandboxClient } from '../../sandbox/s3/index.ts';

/** Every object in the bucket under `prefix`: key → bytes and headers. */
export async function readBucket(
  client: S3Client,
  bucket: string,
  prefix = '',
): Promise<Map<string, { body: Buffer; contentType?: string; cacheControl?: string }>> {
  const listing = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  const objects = new Map<string, { body: Buffer; contentType?: string; cacheControl?: string }>();
  for (const { Key } of listing.Contents ?? []) {
    if (Key === undefined) continue;
    const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key }));
    objects.set(Key, {
      body: Buffer.from(await answer.Body!.transformToByteArray()),
      ...(head.ContentType === undefined ? {} : { contentType: head.ContentType }),
      ...(head.CacheControl === undefined ? {} : { cacheControl: head.CacheControl }),
    });
  }
  return objects;
}

/** The sandbox's stand-ins listen on loopback, which the policy's `network` list must open. */
export const loopback: readonly string[] = ['127.0.0.0/8'];
