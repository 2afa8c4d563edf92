import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials, startS3Server, type S3Server } from '../../sandbox/s3/index.ts';
import { createS3Client } from '../../src/providers/s3/client.ts';
import { directPut, type ObjectToPut } from '../../src/providers/s3/direct-put.ts';
import { s3Target } from '../../src/providers/s3/target.ts';
import { uploadAll } from '../../src/providers/s3/upload-all.ts';
import { loopback, s3Config, sandboxClient, tempRoot } from '../support/s3-site.ts';

function object(key: string, text: string): ObjectToPut {
  const body = Buffer.from(text);
  return {
    key,
    body,
    contentType: 'text/javascript; charset=utf-8',
    cacheControl: 'public, max-age=31536000, immutable',
    md5: createHash('md5').update(body).digest('hex'),
    sha256: createHash('sha256').update(body).digest('hex'),
  };
}

describe('direct PutObject (signed by the SDK signer, sent by the client handler)', () => {
  let root: string;
  let server: S3Server;

  beforeAll(async () => {
    root = await tempRoot('s3-direct-put');
    server = await startS3Server({ directory: join(root, 's3rver'), buckets: ['direct'] });
  });

  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  function putter(bucket: string) {
    const config = s3Config({ bucket, endpoint: server.endpoint, force_path_style: true });
    const target = s3Target(config, {});
    const client = createS3Client(config, target, sandboxCredentials, loopback);
    return { client, put: directPut(client, target) };
  }

  it('stores the bytes with their headers and SHA-256 metadata, keys with spaces, brackets and accents included', async () => {
    const { client, put } = putter('direct');
    const signal = new AbortController().signal;
    for (const key of ['assets/app-Ab12Cd34.js', 'docs/a file (1)!.js', 'café/*naïve*.js']) {
      const sent = object(key, `export const key = ${JSON.stringify(key)};`);
      expect(await put(sent, signal), key).toEqual({ stored: true });
      const got = await sandboxClient(server.endpoint).send(new GetObjectCommand({ Bucket: 'direct', Key: key }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(sent.body), key).toBe(true);
      expect(got.ContentType).toBe(sent.contentType);
      expect(got.CacheControl).toBe(sent.cacheControl);
      expect(got.ETag).toBe(`"${sent.md5}"`);
      expect(got.Metadata?.['runway-sha256']).toBe(sent.sha256);
    }
    client.destroy();
  });

  it('answers false when S3 refuses (a missing bucket), so that the caller sends the file through the SDK', async () => {
    const { client, put } = putter('no-such-bucket');
    expect(await put(object('a.js', 'x'), new AbortController().signal)).toEqual({ stored: false, reason: 'HTTP 404' });
    expect(server.requestLog.filter((e) => e.bucket === 'no-such-bucket').map((e) => [e.method, e.status])).toEqual([['PUT', 404]]);
    client.destroy();
  });

  // s3rver checks neither SigV4 signatures nor Content-MD5: a server of the test's own checks both,
  // with a verifier written from AWS's SigV4 description and first shown to accept the SDK's request.
  it("signs as the SDK does: an independent SigV4 check accepts both, and the payload hash and Content-MD5 are the body's", async () => {
    const received: { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
    const checker = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200, { ETag: '"x"' }).end();
      });
    });
    await new Promise<void>((resolve) => checker.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(checker.address() as AddressInfo).port}`;
    const config = s3Config({ bucket: 'checked', region: 'eu-west-1', endpoint, force_path_style: true });
    const target = s3Target(config, {});
    const client = createS3Client(config, target, sandboxCredentials, loopback);
    try {
      const sent = object('docs/a file (1)!.js', 'signed()');
      await client.send(
        new PutObjectCommand({
          Bucket: 'checked',
          Key: sent.key,
          Body: sent.body,
          ContentType: sent.contentType,
          ContentMD5: Buffer.from(sent.md5, 'hex').toString('base64'),
        }),
      );
      expect(await directPut(client, target)(sent, new AbortController().signal)).toEqual({ stored: true });

      expect(received.map((r) => [r.method, r.path.split('?')[0]])).toEqual([
        ['PUT', '/checked/docs/a%20file%20%281%29%21.js'],
        ['PUT', '/checked/docs/a%20file%20%281%29%21.js'],
      ]);
      for (const request of received) {
        expect(signatureValid(request, sandboxCredentials.secretAccessKey, 'eu-west-1')).toBe(true);
        expect(request.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(request.body).digest('hex'));
        expect(request.headers['content-md5']).toBe(createHash('md5').update(request.body).digest('base64'));
      }
      const tampered = { ...received[1]!, headers: { ...received[1]!.headers, 'x-amz-meta-runway-sha256': '0'.repeat(64) } };
      expect(signatureValid(tampered, sandboxCredentials.secretAccessKey, 'eu-west-1')).toBe(false);
    } finally {
      client.destroy();
      checker.close();
    }
  });

  it('sends a file that the direct PUT could not store through the SDK, and says so once in the log', async () => {
    // A server that refuses PUTs without the SDK's `x-id` query parameter: the direct path fails, the SDK's succeeds.
    const received: string[] = [];
    const picky = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(req.url!);
        res.writeHead(req.url!.includes('x-id=PutObject') ? 200 : 503).end();
      });
    });
    await new Promise<void>((resolve) => picky.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(picky.address() as AddressInfo).port}`;
    const config = s3Config({ bucket: 'picky', endpoint, force_path_style: true });
    const target = s3Target(config, {});
    const client = createS3Client(config, target, sandboxCredentials, loopback);
    const lines: string[] = [];
    try {
      const files = await Promise.all(
        ['a.js', 'b.js'].map(async (key) => {
          const path = join(root, key);
          await writeFile(path, `export const key = '${key}';`);
          return { key, path, size: 25, contentType: 'text/javascript', cacheControl: 'no-cache', reason: 'new' as const };
        }),
      );
      const ctx = { target, log: { line: (l: string) => lines.push(l) }, signal: new AbortController().signal };

      const uploaded = await uploadAll(client, ctx, files, 1, 'assets');

      expect(Object.keys(uploaded)).toEqual(['a.js', 'b.js']);
      expect(received.map((url) => url.split('?')[0])).toEqual(['/picky/a.js', '/picky/a.js', '/picky/b.js', '/picky/b.js']);
      expect(lines.filter((l) => l.includes('direct upload'))).toEqual([
        'assets: direct upload of a.js failed (HTTP 503); sending it again through the SDK',
      ]);
    } finally {
      client.destroy();
      picky.close();
    }
  });
});

/** AWS Signature Version 4 for S3 (no double encoding of the path), checked from the request as received. */
function signatureValid(request: { method: string; path: string; headers: IncomingHttpHeaders }, secret: string, region: string): boolean {
  const auth =
    /^AWS4-HMAC-SHA256 Credential=[^/]+\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      String(request.headers.authorization),
    );
  if (auth === null || auth[2] !== region) return false;
  const [, day, , signedHeaders, signature] = auth as unknown as [string, string, string, string, string];
  const [path, query = ''] = request.path.split('?');
  const canonicalQuery = query
    .split('&')
    .filter(Boolean)
    .map((pair) => (pair.includes('=') ? pair : `${pair}=`))
    .sort()
    .join('&');
  const names = signedHeaders.split(';');
  const canonicalHeaders = names
    .map(
      (name) =>
        `${name}:${String(request.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonical = [
    request.method,
    path,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    String(request.headers['x-amz-content-sha256']),
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = [
    'AWS4-HMAC-SHA256',
    String(request.headers['x-amz-date']),
    scope,
    createHash('sha256').update(canonical).digest('hex'),
  ].join('\n');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex') === signature;
}
