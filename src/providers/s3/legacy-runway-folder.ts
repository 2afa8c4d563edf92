import type { S3Client } from '@aws-sdk/client-s3';
import { deleteKeys } from './delete-keys.ts';
import { runwayFolder } from './target.ts';
import type { RetryContext } from './with-retry.ts';

/**
 * Runway 0.1 kept release manifests in the site's own bucket (`<prefix>.runway/`), where the website
 * served them to anyone. They now live in the artifact store; a sync removes the old folder's keys,
 * which the bucket listing found (listRemoteObjects).
 */
export async function removeLegacyRunwayFolder(client: S3Client, ctx: RetryContext, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await deleteKeys(client, ctx, keys);
  ctx.log.line(
    `removed ${keys.length} files of Runway's own from the site (${runwayFolder(ctx.target)}): manifests now live in its artifact store`,
  );
}
