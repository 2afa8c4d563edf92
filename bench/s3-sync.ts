/**
 * Sync benchmark: Runway's S3 sync against `aws s3 sync` and s3-sync-client, on s3rver.
 *
 *   npx tsx bench/s3-sync.ts [--runs 3] [--files 1499] [--mb 40] [--verify]
 *
 * Generates a site shaped like a Vite build (hashed asset names), then times three cases per tool on
 * a fresh bucket: the first upload; a no-op resync; a fresh rebuild of the same source with one file
 * changed (every file rewritten, so all mtimes are new). Each run also times a floor: a plain
 * keep-alive PUT loop of the same files to a fresh bucket at Runway's concurrency (support/put-loop.ts),
 * so the figures show how close each tool comes to what s3rver itself can take. Prints medians,
 * ratios, the CPU each case cost the client process and s3rver, and the goals. `--verify` makes
 * Runway list the bucket on every sync (its safety net) instead of trusting its own last manifest.
 * s3rver runs in a process of its own, started with --openssl-legacy-provider because the peers page
 * listings past 1,000 keys with continuation tokens (see sandbox/s3/README.md).
 */
import { localArtifactStore } from '../src/artifacts/local-artifact-store.ts';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
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
import { treeCpuMs } from './support/cpu-time.ts';
import { putLoop } from './support/put-loop.ts';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(argv[at + 1]);
};
const runs = option('runs', 3);
const fileCount = option('files', 1499);
const totalMb = option('mb', 40);
const verify = argv.includes('--verify');

type Tool = 'runway' | 'aws s3 sync' | 's3-sync-client';
/** The floor is timed for the first upload only: it has no notion of a resync. */
const floor = 'floor (PUT loop)';
type Column = Tool | typeof floor;
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

async function startServer(directory: string): Promise<{ endpoint: string; pid: number; stop(): Promise<void> }> {
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
    pid: child.pid!,
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
        verify,
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
  const concurrency = runwayConfig('warm', server.endpoint).concurrency;
  const times = new Map<string, number[]>();
  const cpu = new Map<string, { client: number[]; server: number[] }>();
  const timed = async (column: Column, name: Case, fn: () => Promise<void>) => {
    const cpuBefore = process.cpuUsage();
    const serverBefore = await treeCpuMs(server.pid);
    const start = performance.now();
    await fn();
    const ms = performance.now() - start;
    const clientCpu = process.cpuUsage(cpuBefore);
    const serverCpu = (await treeCpuMs(server.pid)) - serverBefore;
    const key = `${column}|${name}`;
    times.set(key, [...(times.get(key) ?? []), ms]);
    const spent = cpu.get(key) ?? { client: [], server: [] };
    // aws runs in a process of its own: this process's CPU says nothing about it.
    if (column !== 'aws s3 sync') spent.client.push((clientCpu.user + clientCpu.system) / 1000);
    spent.server.push(serverCpu);
    cpu.set(key, spent);
    process.stdout.write(`  ${column.padEnd(16)} ${name.padEnd(14)} ${(ms / 1000).toFixed(2)} s\n`);
  };

  // Warm up every tool and the server (JIT, sockets) on a small site, so the first timed run is not the cold one.
  const warmDist = join(root, 'warm');
  await build(source.slice(0, 100), warmDist, false);
  for (const tool of tools) {
    const bucket = `warm-${tool.replace(/[^a-z0-9]/g, '')}`;
    await admin.send(new CreateBucketCommand({ Bucket: bucket }));
    await syncWith(tool, warmDist, bucket, server.endpoint, 'c'.repeat(40), join(root, 'work', bucket));
  }
  await admin.send(new CreateBucketCommand({ Bucket: 'warm-floor' }));
  await putLoop(warmDist, server.endpoint, 'warm-floor', concurrency);

  const rotation: Column[] = [...tools, floor];
  for (let run = 1; run <= runs; run++) {
    // Each run starts with another tool (the floor among them), so that none always runs first or last.
    const order = rotation.map((_t, i) => rotation[(i + run - 1) % rotation.length]!);
    for (const tool of order) {
      const bucket = `bench-${tool.replace(/[^a-z0-9]/g, '')}-${run}`;
      await admin.send(new CreateBucketCommand({ Bucket: bucket }));
      const workDir = join(root, 'work', bucket);
      await build(source, dist, false);
      if (tool === floor) {
        await timed(floor, 'first upload', () => putLoop(dist, server.endpoint, bucket, concurrency));
        continue;
      }
      await timed(tool, 'first upload', () => syncWith(tool, dist, bucket, server.endpoint, 'a'.repeat(40), workDir));
      await timed(tool, 'no-op resync', () => syncWith(tool, dist, bucket, server.endpoint, 'a'.repeat(40), workDir));
      // s3rver's LastModified has 1 s resolution: make sure the rebuild is newer, as a CI build would be.
      await sleep(1100);
      await build(source, dist, true);
      await timed(tool, 'fresh rebuild', () => syncWith(tool, dist, bucket, server.endpoint, 'b'.repeat(40), workDir));
    }
  }
  admin.destroy();

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const m = (column: Column, name: Case) => median(times.get(`${column}|${name}`) ?? []);
  const peers = tools.filter((t) => t !== 'runway');
  const best = (name: Case) => Math.min(...peers.map((t) => m(t, name)));
  const seconds = (ms: number) => (Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(2)} s`);
  const table = (header: string[], rows: string[][]) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
    return `${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`;
  };
  const columns: Column[] = [...tools, floor];
  const goals: Record<Case, number> = { 'first upload': 0.8, 'no-op resync': 0.5, 'fresh rebuild': 0.1 };
  process.stdout.write(
    `\nmedians of ${runs} runs${verify ? ', Runway verifying (listing) on every sync' : ''}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n` +
      table(
        ['case', ...columns, 'runway ÷ best peer', 'goal', 'runway ÷ floor', 'best peer ÷ floor'],
        cases.map((name) => {
          const ratio = m('runway', name) / best(name);
          const overFloor = (value: number) => (Number.isNaN(m(floor, name)) ? '—' : `${(value / m(floor, name)).toFixed(2)}×`);
          return [
            name,
            ...columns.map((c) => seconds(m(c, name))),
            `${ratio.toFixed(2)}×`,
            `≤ ${goals[name]}× ${ratio <= goals[name] ? 'met' : 'NOT MET'}`,
            overFloor(m('runway', name)),
            overFloor(best(name)),
          ];
        }),
      ),
  );
  const cpuMedian = (column: Column, name: Case, side: 'client' | 'server') => median(cpu.get(`${column}|${name}`)?.[side] ?? []);
  const cpuCell = (column: Column, name: Case) => {
    const client = cpuMedian(column, name, 'client');
    const server = cpuMedian(column, name, 'server');
    if (Number.isNaN(server)) return '—';
    return `${Number.isNaN(client) ? '—' : Math.round(client)} / ${Math.round(server)}`;
  };
  process.stdout.write(
    `\nCPU ms per case, medians (this process / s3rver; aws runs apart, so only s3rver's)\n` +
      table(
        ['case', ...columns],
        cases.map((name) => [name, ...columns.map((c) => cpuCell(c, name))]),
      ),
  );
  if (!haveAws) process.stdout.write('note: `aws` is not installed (apt-get install -y awscli): its column is left out\n');
} finally {
  await server.stop();
  await rm(root, { recursive: true, force: true });
}
