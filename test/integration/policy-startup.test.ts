import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';
import { spawnRunway } from '../../sandbox/runway-process.ts';

describe('RUNWAY_POLICY at start-up', () => {
  let github: FakeGitHub;
  let dir: string;
  beforeAll(async () => {
    github = await startFakeGitHub({ webhookSecret: 'whsec-policy' });
    dir = await mkdtemp(path.join(tmpdir(), 'runway-policy-'));
  });
  afterAll(async () => {
    await github?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const start = (policyFile: string) =>
    spawnRunway(sandboxRunwayEnv({ github, dataDir: path.join(dir, 'data'), policy: false, extra: { RUNWAY_POLICY: policyFile } })).then(
      async (runway) => {
        await runway.stop();
        return 'started';
      },
      (error: Error) => error.message,
    );

  it('stops Runway when the file is invalid, naming file, line, column and field', async () => {
    const file = path.join(dir, 'invalid.yml');
    await writeFile(file, 'repositories:\n  - name: acme/*\n    network: [10.0.0.0/33]\n    heroku_app: [x]\n');
    const message = await start(file);
    expect(message).toContain('Runway cannot start: 1 setting is missing or invalid');
    expect(message).toContain(`RUNWAY_POLICY: ${file} is invalid:`);
    expect(message).toContain(`${file}:3:15 repositories.0.network.0: must be an IP address or a CIDR range such as 10.0.0.0/8`);
    expect(message).toContain(`${file}:4:5 repositories.0: unknown field "heroku_app"`);
  });

  it('stops Runway when the file is missing', async () => {
    const file = path.join(dir, 'absent.yml');
    expect(await start(file)).toContain(`RUNWAY_POLICY: cannot read ${file} (ENOENT)`);
  });

  it('stops Runway on YAML that does not parse', async () => {
    const file = path.join(dir, 'broken.yml');
    await writeFile(file, 'repositories:\n  - name: [acme\n');
    expect(await start(file)).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}:\\d+:\\d+ `));
  });
});
