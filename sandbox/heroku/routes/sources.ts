import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { Hono } from 'hono';
import type { Source } from '@heroku-cli/schema';
import type { PlatformCore } from '../platform-core.ts';

function sameSecret(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** `POST /sources` (authenticated) makes a blob whose pre-signed URLs need no token, like S3's. */
export function sourceRoutes(core: PlatformCore): Hono {
  const routes = new Hono();
  routes.post('/sources', async (c) => {
    const id = randomUUID();
    const secret = randomBytes(16).toString('hex');
    await mkdir(join(core.workDir, 'sources'), { recursive: true });
    core.sources.set(id, { file: join(core.workDir, 'sources', `${id}.tgz`), secret, uploaded: false });
    const url = `${core.url}/source-blobs/${id}?signature=${secret}`;
    const body: Source = { source_blob: { get_url: url, put_url: url } };
    return c.json(body, 201);
  });
  return routes;
}

/** The pre-signed side: `PUT` stores the tarball, `GET` returns it. */
export function sourceBlobRoutes(core: PlatformCore): Hono {
  const routes = new Hono();
  routes.put('/source-blobs/:id', async (c) => {
    const source = core.sources.get(c.req.param('id'));
    if (!source || !sameSecret(source.secret, c.req.query('signature') ?? '')) return c.text('AccessDenied', 403);
    const body = c.req.raw.body;
    if (!body) return c.text('Empty body', 400);
    await pipeline(Readable.fromWeb(body as NodeReadableStream), createWriteStream(source.file));
    source.uploaded = true;
    return c.body(null, 200);
  });
  routes.get('/source-blobs/:id', async (c) => {
    const source = core.sources.get(c.req.param('id'));
    if (!source || !sameSecret(source.secret, c.req.query('signature') ?? '')) return c.text('AccessDenied', 403);
    if (!source.uploaded) return c.text('NoSuchKey', 404);
    const { size } = await stat(source.file);
    return c.body(Readable.toWeb(createReadStream(source.file)) as ReadableStream, 200, {
      'content-type': 'application/octet-stream',
      'content-length': String(size),
    });
  });
  return routes;
}
