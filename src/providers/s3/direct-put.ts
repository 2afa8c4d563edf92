import type { S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { sha256MetadataKey } from './remote-objects.ts';
import type { S3Target } from './target.ts';

/** One object to put, with the hashes the plan already knows (hex). */
export interface ObjectToPut {
  readonly key: string;
  readonly body: Buffer;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly md5: string;
  readonly sha256: string;
}

/** Whether S3 stored the object; if not, why (`HTTP 403`, `ECONNRESET`), for one log line. */
export type DirectPutAnswer = { stored: true } | { stored: false; reason: string };

export type DirectPut = (object: ObjectToPut, signal: AbortSignal) => Promise<DirectPutAnswer>;

/**
 * PutObject without the SDK's per-request middleware (endpoint rules, serialisation, retry and
 * flexible-checksum steps): on a first upload of 1,500 small files those cost more CPU than the
 * upload itself. The request is still signed by the SDK's own SigV4 signer, addressed by the
 * client's own endpoint rules (resolved once per bucket) and sent through the client's own request
 * handler — its keep-alive agents, timeouts and the policy's address filter. The payload hash is the
 * file's SHA-256, which the sync computed anyway, and Content-MD5 lets S3 check the bytes.
 * Anything but a 2xx answer resolves `stored: false`: the caller then sends that file through the
 * SDK, whose retries and error messages the user sees.
 */
export function directPut(client: S3Client, target: S3Target): DirectPut {
  const { config } = client;
  const endpoint = config.endpointProvider({
    Bucket: target.bucket,
    Region: target.region,
    ForcePathStyle: config.forcePathStyle,
    UseFIPS: false,
    UseDualStack: false,
    Accelerate: false,
    ...(target.endpoint === undefined ? {} : { Endpoint: target.endpoint }),
  });
  const base = new URL(endpoint.url.href);
  // The endpoint rules name the region to sign for (the bucket's own, for S3 itself).
  const scheme = (endpoint.properties?.authSchemes as { signingRegion?: string }[] | undefined)?.[0];
  const signer = new SignatureV4({
    credentials: config.credentials,
    region: scheme?.signingRegion ?? target.region,
    service: 's3',
    sha256: NodeSha256,
    // S3 keys are signed as sent, not encoded a second time.
    uriEscapePath: false,
  });
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return async (object, signal) => {
    const request = await signer.sign({
      method: 'PUT',
      protocol: base.protocol,
      hostname: base.hostname,
      ...(base.port === '' ? {} : { port: Number(base.port) }),
      path: basePath + object.key.split('/').map(encodeKeySegment).join('/'),
      query: {},
      headers: {
        host: base.host,
        'content-type': object.contentType,
        'cache-control': object.cacheControl,
        'content-length': String(object.body.length),
        'content-md5': Buffer.from(object.md5, 'hex').toString('base64'),
        'x-amz-content-sha256': object.sha256,
        [`x-amz-meta-${sha256MetadataKey}`]: object.sha256,
      },
      body: object.body,
    });
    try {
      const { response } = await config.requestHandler.handle(request, { abortSignal: signal });
      // Read to the end, so that the keep-alive socket goes back to the pool.
      const body = response.body as Readable | undefined;
      if (body !== undefined) await finished(body.resume());
      const stored = response.statusCode >= 200 && response.statusCode < 300;
      return stored ? { stored } : { stored, reason: `HTTP ${response.statusCode}` };
    } catch (err) {
      if (signal.aborted) throw err;
      const { code, name } = err as { code?: string; name?: string };
      return { stored: false, reason: code ?? name ?? 'request failed' };
    }
  };
}

/** RFC 3986 encoding of one key segment, as S3 and the SDK expect (`!'()*` too). */
function encodeKeySegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** SHA-256, keyed (HMAC) or not, from node:crypto in the shape the signer takes. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}
