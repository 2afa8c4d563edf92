import S3rver from 's3rver';
import { createCipheriv } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createRequestLog, type S3RequestLogEntry } from './request-log.ts';
import { startWebsiteProxy } from './website-proxy.ts';
import { websiteConfigXml, websiteHost } from './website-config.ts';

export type { S3RequestLogEntry } from './request-log.ts';

export interface S3ServerOptions {
  /** Port of the S3 API; default 0 (any free port). */
  port?: number;
  /** Folder where s3rver keeps buckets and objects. */
  directory: string;
  /** Buckets created at start, each with static website hosting (index document `index.html`). */
  buckets: string[];
  /** Buckets created at start without website hosting (Runway's artifacts bucket). */
  privateBuckets?: string[];
}

export interface S3Server {
  /** S3 API endpoint for the SDK or CLI (path-style), such as `http://127.0.0.1:4568`. */
  readonly endpoint: string;
  /** URL that serves `bucket` as a static website at `/` (a forwarding port of its own). */
  websiteUrl(bucket: string): string;
  /** Every request that reached s3rver, in arrival order; `clear()` it between phases of a test. */
  readonly requestLog: S3RequestLogEntry[];
  clearRequestLog(): void;
  /** Whether this process can answer listings past 1,000 keys (ListObjectsV2 continuation tokens). */
  readonly longListings: boolean;
  close(): Promise<void>;
}

export { sandboxClient, sandboxCredentials } from './sandbox-client.ts';

/** Starts s3rver 3.7.1 in this process on 127.0.0.1, with website hosting on `buckets`. */
export async function startS3Server(options: S3ServerOptions): Promise<S3Server> {
  await mkdir(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory: options.directory,
    configureBuckets: [
      ...options.buckets.map((name) => ({ name, configs: [websiteConfigXml] })),
      ...(options.privateBuckets ?? []).map((name) => ({ name, configs: [] })),
    ],
  });
  const address = await server.run();
  const hosts = new Map(options.buckets.map((bucket) => [websiteHost(bucket), bucket]));
  const log = createRequestLog((host) => hosts.get(host));
  server.httpServer?.on('request', log.record);

  const proxies = new Map<string, Awaited<ReturnType<typeof startWebsiteProxy>>>();
  for (const bucket of options.buckets) {
    proxies.set(bucket, await startWebsiteProxy({ host: '127.0.0.1', port: address.port }, websiteHost(bucket)));
  }

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    websiteUrl(bucket) {
      const proxy = proxies.get(bucket);
      if (proxy === undefined) throw new Error(`bucket ${bucket} was not created with website hosting by startS3Server`);
      return proxy.url;
    },
    requestLog: log.entries,
    clearRequestLog: log.clear,
    longListings: canUseDes(),
    async close() {
      await Promise.all([...proxies.values()].map((proxy) => proxy.close()));
      server.httpServer?.closeAllConnections();
      await server.close();
    },
  };
}

/** s3rver encrypts ListObjectsV2 continuation tokens with DES, which Node 20 only has with --openssl-legacy-provider. */
function canUseDes(): boolean {
  try {
    createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return true;
  } catch (err) {
    if (err instanceof Error && /unsupported/i.test(err.message)) return false;
    throw err;
  }
}
