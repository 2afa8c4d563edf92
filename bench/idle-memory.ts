/**
 * Idle memory of Runway's process tree (npm's own wrapper left out), 5 s after /healthz first
 * answers, on the embedded store (first start on an empty data directory, then reopening it) and on
 * PostgreSQL (a scratch database), for the two ways of starting it:
 *   - `source`:   `tsx src/main.ts`, what `npm start` ran before 0.2 (tsx CLI → node → launcher under tsx);
 *   - `compiled`: `node dist/src/main.js`, what `npm start` runs now (build it first: `npm run build`).
 *
 *   - `before`:   another checkout given with `--before DIR` (e.g. the main branch), to compare with the
 *                 code as it was, in the same run: `node dist/src/main.js` there when it has a dist/
 *                 (build it first), else `tsx src/main.ts`.
 *
 *   npx tsx bench/idle-memory.ts [--start source,compiled] [--before DIR] [--engine embedded,postgres] [--settle 5]
 *        [--history 1000] [--history-lines 200] [--after-deploy]
 *
 * `--history N` measures each store again after seeding N finished deployments with
 * `--history-lines` log lines each (and their deliveries): idle memory should not grow with history.
 * `--after-deploy` also measures each run again after one deployment with the command provider
 * (its command launcher started, the command provider loaded), once it has ended and settled.
 *
 * Prints one line per run with the tree's total and each process. See docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../sandbox/free-port.ts';
import { startFakeGitHub } from '../sandbox/github/index.ts';
import { sandboxRunwayEnv } from '../sandbox/runway-env.ts';
import { createScratchDatabase } from '../sandbox/scratch-database.ts';
import { treeRss } from '../sandbox/process-tree.ts';
import { openDatabase } from '../src/store/open-database.ts';
import { createBenchRepo, createDeployments, deployToolToken, OWNER, REPO } from './support/bench-repo.ts';
import { seedHistory } from './support/seed-history.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i++) {
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) args.set(process.argv[i]!.replace(/^--/, ''), 'true');
  else args.set(process.argv[i++]!.replace(/^--/, ''), value);
}
type Start = 'before' | 'source' | 'compiled';
const beforeDir = args.get('before');
const starts = [...(beforeDir ? ['before'] : []), ...(args.get('start') ?? 'source,compiled').split(',')] as Start[];
const engines = (args.get('engine') ?? 'embedded,postgres').split(',') as ('embedded' | 'postgres')[];
const settleMs = Number(args.get('settle') ?? 5) * 1000;
const history = Number(args.get('history') ?? 0);
const historyLines = Number(args.get('history-lines') ?? 200);
const afterDeploy = args.has('after-deploy');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const commands: Record<Start, { cwd: string; argv: string[] }> = {
  before: {
    cwd: beforeDir ?? root,
    argv:
      beforeDir && existsSync(path.join(beforeDir, 'dist/src/main.js'))
        ? [process.execPath, 'dist/src/main.js']
        : [path.join(beforeDir ?? root, 'node_modules/.bin/tsx'), 'src/main.ts'],
  },
  source: { cwd: root, argv: [path.join(root, 'node_modules/.bin/tsx'), 'src/main.ts'] },
  compiled: { cwd: root, argv: [process.execPath, 'dist/src/main.js'] },
};
if (starts.includes('compiled') && !existsSync(path.join(root, 'dist/src/main.js'))) {
  throw new Error('dist/src/main.js is missing: run `npm run build` first');
}

async function measure(start: Start, label: string, env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const { cwd, argv } = commands[start];
  const [command, ...rest] = argv;
  const child = spawn(command!, rest, { cwd, env: { ...env, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: 'inherit' });
  const startedAt = performance.now();
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${label}: Runway exited with ${child.exitCode} before /healthz answered`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (performance.now() - startedAt > 120_000) throw new Error(`${label}: /healthz did not answer within 120 s`);
      await sleep(100);
    }
    const readyAfter = (performance.now() - startedAt) / 1000;
    await sleep(settleMs);
    const total = await printTree(child.pid!, `${start.padEnd(8)} ${label.padEnd(28)}`, `ready in ${readyAfter.toFixed(1)} s`);
    if (afterDeploy) {
      const took = await deployOnce(port);
      await sleep(settleMs);
      await printTree(child.pid!, `${start.padEnd(8)} ${`${label}, after 1 deploy`.padEnd(28)}`, `deployed in ${took.toFixed(1)} s`);
    }
    return total;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
  }
}

/** Prints the tree's total RSS and each part (MiB); returns the total. */
async function printTree(pid: number, prefix: string, note: string): Promise<number> {
  const rows = await treeRss(pid);
  const total = rows.reduce((sum, r) => sum + r.rss, 0);
  // The embedded PostgreSQL's processes (server, background workers, connections, its shells) as one part.
  const partName = (command: string) =>
    /postgres/.test(command)
      ? 'postgres'
      : `${path.basename(command.split(' ')[0] ?? '')}${command.includes('launcher') ? '(launcher)' : ''}`;
  const byPart = new Map<string, { rss: number; n: number }>();
  for (const r of rows) {
    const part = byPart.get(partName(r.command)) ?? { rss: 0, n: 0 };
    byPart.set(partName(r.command), { rss: part.rss + r.rss, n: part.n + 1 });
  }
  const parts = [...byPart].map(([name, p]) => `${name}${p.n > 1 ? ` ×${p.n}` : ''} ${p.rss.toFixed(0)}`);
  console.log(`${prefix} ${total.toFixed(0).padStart(5)} MiB  (${note}; ${parts.join(' + ')})`);
  return total;
}

/** One deployment of the bench repository's `bench-0` (a command), delivered by the fake GitHub; seconds until `success`. */
async function deployOnce(port: number): Promise<number> {
  const startedAt = performance.now();
  github.setWebhookTarget(`http://127.0.0.1:${port}/api/github/webhooks`);
  const [id] = await createDeployments(github, deployToken, ['bench-0'], 1);
  const states = () =>
    github
      .deployments(OWNER, REPO)
      .find((d) => d.id === id)
      ?.statuses.map((st) => st.state) ?? [];
  await github.waitFor(() => states().some((st) => ['success', 'failure', 'error'].includes(st)), {
    what: 'the deployment to end',
    timeoutMs: 120_000,
  });
  if (!states().includes('success')) throw new Error(`the deployment ended ${states().join(' → ')}`);
  return (performance.now() - startedAt) / 1000;
}

/** Seeds the history into the store Runway just stopped using (the embedded one is opened from its data directory). */
async function seed(store: { databaseUrl?: string; dataDir: string }): Promise<string> {
  const startedAt = performance.now();
  const db = await openDatabase(store);
  try {
    await seedHistory(db, history, historyLines);
  } finally {
    await db.close();
  }
  const label = `${history} deployments`;
  console.log(`${''.padEnd(8)} seeded ${label} × ${historyLines} log lines in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  return label;
}

const github = await startFakeGitHub({ webhookSecret: 'idle-memory-secret' });
createBenchRepo(github, 1);
const deployToken = deployToolToken(github);
try {
  console.log(`idle RSS of the process tree, ${settleMs / 1000} s after /healthz first answered (MiB)`);
  for (const start of starts) {
    if (engines.includes('embedded')) {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'runway-idle-'));
      try {
        const env = sandboxRunwayEnv({ github, dataDir });
        await measure(start, 'embedded, first start', env);
        await measure(start, 'embedded, reopen', env);
        if (history > 0) await measure(start, `embedded, ${await seed({ dataDir })}`, env);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }
    if (engines.includes('postgres')) {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'runway-idle-'));
      const database = await createScratchDatabase('runway_idle');
      try {
        const env = sandboxRunwayEnv({ github, dataDir, databaseUrl: database.url });
        await measure(start, 'postgres', env);
        if (history > 0) await measure(start, `postgres, ${await seed({ dataDir, databaseUrl: database.url })}`, env);
      } finally {
        await database.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  }
} finally {
  await github.close();
}
