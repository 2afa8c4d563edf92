import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { spawnRunway, type RunwayProcess } from '../../sandbox/runway-process.ts';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';
import { startApiDeployment } from '../support/api-deployment.ts';
import { storeFor, type EngineStore } from '../support/engines.ts';

const run = promisify(execFile);
const config = `environments:
  production:
    backend: { provider: command, run: "echo deployed" }
`;

// A data directory on a 4 MiB tmpfs of its own (root only: mounting needs it; the test says so when it cannot).
describe('a full disk under the data directory', () => {
  let github: FakeGitHub;
  let store: EngineStore;
  let dataDir: string;
  let runway: RunwayProcess | undefined;
  let mounted = false;
  beforeAll(async () => {
    github = await startFakeGitHub({ webhookSecret: `disk-${randomUUID()}` });
    store = await storeFor('postgres');
    dataDir = path.join(store.dataDir, 'small-disk');
    await mkdir(dataDir);
    await run('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0711', 'tmpfs', dataDir]);
    mounted = true;
    await chmod(dataDir, 0o711);
  });
  afterAll(async () => {
    await runway?.kill('SIGKILL');
    await github?.close();
    if (mounted) await run('umount', [dataDir]);
    await store?.cleanup();
  });

  const finalStatus = (githubId: number) => {
    const last = () =>
      github
        .deployments('acme', 'svc')
        .find((d) => d.id === githubId)
        ?.statuses.at(-1);
    return github.waitFor(() => (['success', 'failure', 'error'].includes(last()?.state ?? '') ? last() : undefined), {
      what: 'the deployment to end',
      timeoutMs: 60_000,
    });
  };

  it('ends the deployment with a clear reason, keeps running, and deploys again once there is room', { timeout: 120_000 }, async () => {
    runway = await spawnRunway(sandboxRunwayEnv({ github, dataDir, databaseUrl: store.databaseUrl }));
    github.setWebhookTarget(`${runway.url}/api/github/webhooks`);
    const repo = github.createRepo({
      owner: 'acme',
      name: 'svc',
      files: { '.github/deploy.yml': config, 'big.txt': 'x'.repeat(256 * 1024) },
    });

    // Fill what is left of the disk.
    const filler = path.join(dataDir, 'filler');
    await run('sh', ['-c', `dd if=/dev/zero of=${filler} bs=64k 2>/dev/null || true`]);
    const full = await startApiDeployment(github, repo, { environment: 'production' });
    const failed = await finalStatus(full.githubId);
    expect(failed.state).toBe('error');
    expect(failed.description).toMatch(/no space left/i);
    expect(runway.state()).toBe('running');

    await rm(filler);
    const roomy = await startApiDeployment(github, repo, { environment: 'production' });
    expect((await finalStatus(roomy.githubId)).state).toBe('success');
    expect(runway.state()).toBe('running');
  });
});
