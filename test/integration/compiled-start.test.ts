import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { treeRss } from '../../sandbox/process-tree.ts';
import { spawnRunway, type RunwayProcess } from '../../sandbox/runway-process.ts';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';

describe('npm start runs the compiled code', () => {
  let github: FakeGitHub;
  let dataDir: string;
  let runway: RunwayProcess | undefined;
  beforeAll(async () => {
    // What `npm start`'s prestart does: build dist/ when it is missing or stale.
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--if-stale'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(build.status, build.stderr).toBe(0);
    github = await startFakeGitHub({ webhookSecret: 'compiled-start-secret' });
    dataDir = await mkdtemp(path.join(tmpdir(), 'runway-compiled-'));
  }, 150_000);
  afterAll(async () => {
    await runway?.stop();
    await github?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts from dist/ on an empty data directory, migrated, with its launcher in plain node', { timeout: 150_000 }, async () => {
    runway = await spawnRunway(sandboxRunwayEnv({ github, dataDir }), [], { entry: 'compiled' });
    const health = await fetch(`${runway.url}/healthz`);
    expect(health.status).toBe(200);
    const commands = (await treeRss(runway.pid)).map((p) => p.command);
    expect(commands[0]).toMatch(/dist\/src\/main\.js$/);
    expect(commands.some((c) => /dist\/src\/shell\/launcher-process\.js$/.test(c))).toBe(true);
    expect(commands.join('\n')).not.toContain('tsx');
  });
});
