/**
 * Sync benchmark: Runway's S3 sync against `aws s3 sync` and s3-sync-client, on s3rver.
 *
 *   npx tsx bench/s3-sync.ts [--runs 3] [--files 1499] [--mb 40]
 *
 * Generates a site shaped like a Vite build (hashed asset names), then times three cases per tool on
 * a fresh bucket: the first upload; a no-op resync; a fresh rebuild of the same source with one file
 * changed (every file rewritten, so all mtimes are new). Prints medians and ratios. s3rver runs in a
 * process of its own, started with --openssl-legacy-provider because the peers page listings past
 * 1,000 keys with continuation tokens (see sandbox/s3/README.md).
 */
import { localArtifactStore } from '../src/artifacts/local-artifact-store.ts';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { S3SyncClient } from 's3-sync-client';
import { deployConfig, type S3FrontendConfig } from '../src/config/deploy-config.ts';
import { createS3Client } from '../src/providers/s3/client.ts';
import { syncRelease } from '../src/providers/s3/sync-release.ts';
import { s3Target } from '../src/providers/s3/target.ts';
import { sandboxClient, sandboxCredentials } from '../sandbox/s3/index.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const runs = Number(args.get('runs') ?? 3);
const fileCount = Number(args.get('files') ?? 1499);
const totalMb = Number(args.get('mb') ?? 40);

type Tool = 'runway' | 'aws s3 sync' | 's3-sync-client';
type Case = 'first upload' | 'no-op resync' | 'fresh rebuild';
const cases: Case[] = ['first upload', 'no-op resync', 'fresh rebuild'];

// --- the site ---------------------------------------------------------------------------------------

interface SourceFile {
  readonly stem: string;
  readonly ext: string;
  readonly content: Buffer;
}

/** Deterministic bytes (xorshift), so that the "same source" builds to the same files every time. */
function bytes(seed: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i + 4 <= size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.writeUInt32LE(x >>> 0, i);
  }
  return out;
}

/** A Vite-like mix: many small JS chunks, CSS, images and fonts, adding up to about `totalMb`. */
function makeSource(): SourceFile[] {
  const kinds = [
    { ext: 'js', share: 0.6, weight: 0.45 },
    { ext: 'css', share: 0.13, weight: 0.03 },
    { ext: 'png', share: 0.22, weight: 0.44 },
    { ext: 'woff2', share: 0.05, weight: 0.08 },
  ];
  const files: SourceFile[] = [];
  const assets = fileCount - 3;
  for (const [k, kind] of kinds.entries()) {
    const count = k === kinds.length - 1 ? assets - files.length : Math.round(assets * kind.share);
    const average = (totalMb * 1024 * 1024 * kind.weight) / count;
    for (let i = 0; i < count; i++) {
      const size = Math.max(200, Math.round(average * (0.2 + (1.6 * ((i * 7919) % 1000)) / 1000)));
      files.push({ stem: `${kind.ext === 'js' ? 'chunk' : kind.ext}-${k}-${i}`, ext: kind.ext, content: bytes(k * 100_000 + i + 1, size) });
    }
  }
  return files;
}

/** Writes dist/ from scratch like `vite build`: hashed asset names, an index.html naming the entry. */
async function build(source: SourceFile[], dist: string, changed: boolean): Promise<void> {
  await rm(dist, { recursive: true, force: true });
  await mkdir(join(dist, 'assets'), { recursive: true });
  const names: string[] = [];
  for (const [i, file] of source.entries()) {
    const content = changed && i === 0 ? Buffer.concat([file.content, Buffer.from('\n// changed\n')]) : file.content;
    const hash = createHash('sha256').update(content).digest('base64url').slice(0, 8);
    const name = `assets/${file.stem}-${hash}.${file.ext}`;
    names.push(name);
    await writeFile(join(dist, name), content);
  }
  const html = `<!doctype html><html><head><script type="module" src="/${names[0]}"></script><link rel="stylesheet" href="/${names.find((n) => n.endsWith('.css'))}"></head><body><div id="app"></div></body></html>\n`;
  await writeFile(join(dist, 'index.html'), html);
  await writeFile(join(dist, 'favicon.ico'), bytes(7, 4286));
  await writeFile(join(dist, 'robots.txt'), 'User-agent: *\nAllow: /\n');
}

// --- the server -------------------------------------------------------------------------------------

async function startServer(directory: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '--import', 'tsx', join(import.meta.dirname, '../sandbox/s3/serve.ts'), directory, 'warmup'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code}`)));
  });
  const { endpoint, longListings } = JSON.parse(line) as { endpoint: string; longListings: boolean };
  if (!longListings) throw new Error('the s3rver process cannot page listings (no --openssl-legacy-provider)');
  return {
    endpoint,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// --- the tools --------------------------------------------------------------------------------------

const awsEnv = {
  ...process.env,
  AWS_ACCESS_KEY_ID: sandboxCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: sandboxCredentials.secretAccessKey,
  AWS_DEFAULT_REGION: 'us-east-1',
  // Newer botocore sends checksums by default, which s3rver cannot read.
  AWS_REQUEST_CHECKSUM_CALCULATION: 'when_required',
  AWS_RESPONSE_CHECKSUM_VALIDATION: 'when_required',
  AWS_EC2_METADATA_DISABLED: 'true',
};

async function awsAvailable(): Promise<boolean> {
  return promisify(execFile)('aws', ['--version'], { env: awsEnv }).then(
    () => true,
    () => false,
  );
}

function runwayConfig(bucket: string, endpoint: string): S3FrontendConfig {
  const parsed = deployConfig.parse({
    environments: { bench: { frontend: { provider: 's3', bucket, endpoint, force_path_style: true } } },
  });
  const frontend = parsed.environments.bench?.frontend;
  if (frontend?.provider !== 's3') throw new Error('unreachable: s3 frontend expected');
  return frontend;
}

async function syncWith(tool: Tool, dist: string, bucket: string, endpoint: string, sha: string, workDir: string): Promise<void> {
  if (tool === 'runway') {
    const config = runwayConfig(bucket, endpoint);
    const target = s3Target(config, {});
    // s3rver listens on loopback, which the policy's network list must open.
    const client = createS3Client(config, target, sandboxCredentials, ['127.0.0.0/8']);
    try {
      await syncRelease({
        client,
        target,
        config,
        dir: dist,
        sha,
        artifacts: localArtifactStore(workDir),
        site: { owner: 'bench', repo: 'site', environment: bucket },
        log: { line: () => undefined },
        signal: new AbortController().signal,
      });
    } finally {
      client.destroy();
    }
  } else if (tool === 'aws s3 sync') {
    await promisify(execFile)(
      'aws',
      ['--endpoint-url', endpoint, 's3', 'sync', dist, `s3://${bucket}/`, '--delete', '--only-show-errors'],
      { env: awsEnv, maxBuffer: 16 * 1024 * 1024 },
    );
  } else {
    const client = sandboxClient(endpoint);
    try {
      await new S3SyncClient({ client }).sync(dist, `s3://${bucket}`, { del: true });
    } finally {
      client.destroy();
    }
  }
}

// --- the run ----------------------------------------------------------------------------------------

const root = await mkdtemp(join(tmpdir(), 'runway-bench-s3-'));
const server = await startServer(join(root, 's3rver'));
try {
  const tools: Tool[] = ['runway', 's3-sync-client'];
  const haveAws = await awsAvailable();
  if (haveAws) tools.splice(1, 0, 'aws s3 sync');
  const source = makeSource();
  const dist = join(root, 'dist');
  await build(source, dist, false);
  const totalBytes = source.reduce((sum, f) => sum + f.content.length, 0);
  process.stdout.write(
    `site: ${source.length + 3} files, ${(totalBytes / 1024 / 1024).toFixed(1)} MB; s3rver at ${server.endpoint}; ${runs} runs\n`,
  );
  const admin = sandboxClient(server.endpoint);
  const times = new Map<string, number[]>();
  const record = (tool: Tool, name: Case, ms: number) => {
    const key = `${tool}|${name}`;
    times.set(key, [...(times.get(key) ?? []), ms]);
    process.stdout.write(`  ${tool.padEnd(15)} ${name.padEnd(14)} ${(ms / 1000).toFixed(2)} s\n`);
  };
  const timed = async (fn: () => Promise<void>) => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };

  // Warm up every tool and the server (JIT, sockets) on a small site, so the first timed run is not the cold one.
  const warmDist = join(root, 'warm');
  await build(source.slice(0, 100), warmDist, false);
  for (const tool of tools) {
    const bucket = `warm-${tool.replace(/[^a-z0-9]/g, '')}`;
    await admin.send(new CreateBucketCommand({ Bucket: bucket }));
    await syncWith(tool, warmDist, bucket, server.endpoint, 'c'.repeat(40), join(root, 'work', bucket));
  }

  for (let run = 1; run <= runs; run++) {
    // Each run starts with another tool, so that none always runs first or last.
    const order = tools.map((_t, i) => tools[(i + run - 1) % tools.length]!);
    for (const tool of order) {
      const bucket = `bench-${tool.replace(/[^a-z0-9]/g, '')}-${run}`;
      await admin.send(new CreateBucketCommand({ Bucket: bucket }));
      const workDir = join(root, 'work', bucket);
      await build(source, dist, false);
      record(tool, 'first upload', await timed(() => syncWith(tool, dist, bucket, server.endpoint, 'a'.repeat(40), workDir)));
      record(tool, 'no-op resync', await timed(() => syncWith(tool, dist, bucket, server.endpoint, 'a'.repeat(40), workDir)));
      // s3rver's LastModified has 1 s resolution: make sure the rebuild is newer, as a CI build would be.
      await sleep(1100);
      await build(source, dist, true);
      record(tool, 'fresh rebuild', await timed(() => syncWith(tool, dist, bucket, server.endpoint, 'b'.repeat(40), workDir)));
    }
  }
  admin.destroy();

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const peers = tools.filter((t) => t !== 'runway');
  const header = ['case', ...tools, 'runway ÷ best peer', 'best peer ÷ runway'];
  const rows = cases.map((name) => {
    const m = (tool: Tool) => median(times.get(`${tool}|${name}`) ?? []);
    const best = Math.min(...peers.map(m));
    return [name, ...tools.map((t) => seconds(m(t))), `${(m('runway') / best).toFixed(2)}×`, `${(best / m('runway')).toFixed(1)}×`];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(
    `\nmedians of ${runs} runs\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`,
  );
  if (!haveAws) process.stdout.write('note: `aws` is not installed (apt-get install -y awscli): its column is left out\n');

  const m = (tool: Tool, name: Case) => median(times.get(`${tool}|${name}`) ?? []);
  const best = (name: Case) => Math.min(...peers.map((t) => m(t, name)));
  const goals = [
    haveAws
      ? [`fresh rebuild ≥5× faster than aws s3 sync`, m('aws s3 sync', 'fresh rebuild') / m('runway', 'fresh rebuild') >= 5]
      : undefined,
    [`first upload ≤0.9× the best peer`, m('runway', 'first upload') <= 0.9 * best('first upload')],
    [`no-op resync no slower than the best peer`, m('runway', 'no-op resync') <= best('no-op resync')],
  ].filter((g): g is [string, boolean] => g !== undefined);
  for (const [goal, met] of goals) process.stdout.write(`${met ? 'met    ' : 'NOT MET'}  ${goal}\n`);
} finally {
  await server.stop();
  await rm(root, { recursive: true, force: true });
}
