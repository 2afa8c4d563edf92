/**
 * Runs the sandbox S3 server in a process of its own (the benchmark and the demo use it):
 * `node --openssl-legacy-provider --import tsx sandbox/s3/serve.ts <directory> <bucket>...`
 * prints one JSON line `{ endpoint, websites: { bucket: url } }` and serves until stdin closes or SIGTERM.
 */
import { startS3Server } from './index.ts';

const [directory, ...buckets] = process.argv.slice(2);
if (directory === undefined || buckets.length === 0) {
  process.stderr.write('usage: serve.ts <directory> <bucket>...\n');
  process.exit(2);
}
const server = await startS3Server({ directory, buckets });
process.stdout.write(
  `${JSON.stringify({ endpoint: server.endpoint, longListings: server.longListings, websites: Object.fromEntries(buckets.map((b) => [b, server.websiteUrl(b)])) })}\n`,
);
const stop = (): void => {
  server.close().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
