import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export const s3rverCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export type TestS3 = { endpoint: string; bucket: string; directory: string; close(): Promise<void> };

/** The CORS rule the README asks of the uploads bucket: browsers on `origins` may PUT photos. */
const corsRule = (origins: string[]) =>
  `<CORSConfiguration><CORSRule>${origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join('')}` +
  `<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration>`;

/** s3rver in this process on a free port, with one empty bucket (with a CORS rule when given origins). */
export async function startTestS3(bucket: string, corsOrigins: string[] = []): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), 'adoptions-s3-'));
  const configs = corsOrigins.length ? [corsRule(corsOrigins)] : [];
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs }] });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    directory,
    async close() {
      server.httpServer?.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
