import { ListObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import { deleteKeys } from './delete-keys.ts';
import { runwayFolder } from './target.ts';
import { withRetry, type RetryContext } from './with-retry.ts';

/**
 * Runway 0.1 kept release manifests in the site's own bucket (`<prefix>.runway/`), where the website
 * served them to anyone. They now live in the artifact store; a sync removes the old folder.
 */
export async function removeLegacyRunwayFolder(client: S3Client, ctx: RetryContext): Promise<void> {
  const prefix = runwayFolder(ctx.target);
  const keys: string[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await withRetry(`list ${ctx.target.bucket}/${prefix}`, ctx, () =>
      client.send(new ListObjectsCommand({ Bucket: ctx.target.bucket, Prefix: prefix, ...(marker && { Marker: marker }) }), {
        abortSignal: ctx.signal,
      }),
    );
    const contents = page.Contents ?? [];
    for (const item of contents) if (item.Key !== undefined) keys.push(item.Key);
    marker = contents.at(-1)?.Key;
    if (page.IsTruncated !== true || marker === undefined) break;
  }
  if (keys.length === 0) return;
  await deleteKeys(client, ctx, keys);
  ctx.log.line(`removed ${keys.length} files of Runway's own from the site (${prefix}): manifests now live in its artifact store`);
}
