/**
 * Web pages benchmark: server time per page with 10,000 stored deployments across 50 repositories
 * (3 environments each, 90 days of history; most of them merges with their first commit, as Runway
 * records them), on PostgreSQL.
 *
 *   npx tsx bench/web.ts [--deployments 10000] [--repositories 50] [--runs 30]
 *
 * Runway's web app runs in this process against a scratch database (the same `createWebApp` the
 * server serves); each page is requested `--runs` times through `app.request()` as the operator,
 * after one warm-up, and the median and p95 server times are printed. See docs/benchmarks.md.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { seedDeployments, type SeededDeployment } from '../sandbox/seed-deployments.ts';
import { createScratchDatabase } from '../sandbox/scratch-database.ts';
import { openDatabase } from '../src/store/open-database.ts';
import { createWebApp } from '../src/web/web-app.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const total = Number(args.get('deployments') ?? 10_000);
const repositories = Number(args.get('repositories') ?? 50);
const runs = Number(args.get('runs') ?? 30);
const token = 'bench-admin-token-'.padEnd(40, 'x');

const scratch = await createScratchDatabase('runway_bench_web');
const db = await openDatabase({ databaseUrl: scratch.url, dataDir: await mkdtemp(path.join(tmpdir(), 'runway-bench-web-')) });
try {
  const now = Date.now();
  const states = ['inactive', 'inactive', 'inactive', 'inactive', 'failure', 'error'] as const;
  const rows: SeededDeployment[] = Array.from({ length: total }, (_, i) => {
    const createdAt = new Date(now - (total - i) * ((90 * 86_400_000) / total));
    const task = i % 17 === 0 ? 'deploy:rollback' : 'deploy';
    return {
      owner: 'bench',
      repo: `service-${i % repositories}`,
      environment: ['production', 'staging', 'preview'][Math.floor(i / repositories) % 3]!,
      state: i >= total - repositories * 3 ? 'success' : states[i % states.length]!,
      task,
      creator: `dev-${i % 23}`,
      createdAt,
      // Most deployments are merges (a first commit 1 to 72 h earlier); a rollback is a command's.
      ...(task === 'deploy' && i % 5 !== 0 && { firstCommitAt: new Date(createdAt.getTime() - (1 + (i % 72)) * 3_600_000) }),
      ...(task === 'deploy:rollback' && { purpose: 'rollback' as const }),
      finishedAt: new Date(createdAt.getTime() + (60 + (i % 600)) * 1000),
    };
  });
  const seedStart = performance.now();
  await seedDeployments(db, rows);
  console.log(
    `Seeded ${total} deployments across ${repositories} repositories in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const app = createWebApp({ db, runningJobs: () => 0, build: { version: 'bench' }, access: { adminToken: token, secureCookies: false } });
  const cold = performance.now();
  await (await app.request('/delivery', { headers: { authorization: `Bearer ${token}` } })).text();
  console.log(`/delivery computing the figures (first request; then cached for a minute): ${(performance.now() - cold).toFixed(1)} ms`);
  const pages = ['/', '/delivery', '/history', '/history?repository=bench%2Fservice-7&state=failure', '/metrics'];
  console.log(`Server time per page (${runs} requests each, after one warm-up, as the operator):`);
  for (const page of pages) {
    const times: number[] = [];
    for (let i = 0; i <= runs; i += 1) {
      const start = performance.now();
      const res = await app.request(page, { headers: { authorization: `Bearer ${token}`, accept: 'text/html' } });
      await res.text();
      if (res.status !== 200) throw new Error(`${page} answered ${res.status}`);
      if (i > 0) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!.toFixed(1);
    console.log(`  ${page.padEnd(56)} median ${at(0.5).padStart(6)} ms   p95 ${at(0.95).padStart(6)} ms`);
  }
} finally {
  await db.close();
  await scratch.drop();
}
