import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from '../../src/store/data-dir-lock.ts';
import { processIdentity } from '../../src/store/process-identity.ts';

const lockModule = fileURLToPath(new URL('../../src/store/data-dir-lock.ts', import.meta.url));
const dirs: string[] = [];
const newDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'runway-lock-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
const lockFile = (dir: string) => path.join(dir, 'runway.lock');

/** A process that, at `startAt`, tries to lock `dir`, prints won or in-use, and holds a lock it won for a while. */
function contender(dir: string, startAt: number): Promise<string> {
  const script = `
    const { lockDataDir, DataDirInUseError } = await import(${JSON.stringify(lockModule)});
    while (Date.now() < ${startAt});
    try { lockDataDir(${JSON.stringify(dir)}); console.log('won'); setTimeout(() => {}, 2000); }
    catch (e) { console.log(e instanceof DataDirInUseError ? 'in-use' : 'error ' + e.message); }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('exit', () => resolve(out.trim())));
}

describe('the data-directory lock', () => {
  it('lets exactly one of several processes racing for the same stale lock take it over', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = newDir();
      writeFileSync(lockFile(dir), JSON.stringify({ pid: deadPid(), start: '1', boot: processIdentity(process.pid).boot }));
      const startAt = Date.now() + 4000;
      const outcomes = await Promise.all([contender(dir, startAt), contender(dir, startAt), contender(dir, startAt)]);
      expect(outcomes.sort()).toEqual(['in-use', 'in-use', 'won']);
    }
  }, 120_000);

  it('takes over a lock holding its own pid, pid 1 from an earlier container, or a reused pid', () => {
    const sleeper = spawn('sleep', ['30']);
    try {
      const stale = [
        JSON.stringify(processIdentity(process.pid)),
        '1',
        JSON.stringify({ pid: 1, start: '0', boot: processIdentity(1).boot }),
        JSON.stringify({ ...processIdentity(sleeper.pid!), start: 'an earlier start' }),
        'not a lock at all',
      ];
      for (const content of stale) {
        const dir = newDir();
        writeFileSync(lockFile(dir), content);
        const release = lockDataDir(dir);
        expect(JSON.parse(readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid });
        release();
        expect(existsSync(lockFile(dir))).toBe(false);
      }
      const dir = newDir();
      writeFileSync(lockFile(dir), JSON.stringify(processIdentity(sleeper.pid!)));
      expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
      expect(() => lockDataDir(dir)).toThrow(`is in use by another Runway process (pid ${sleeper.pid})`);
    } finally {
      sleeper.kill();
    }
  });

  it('leaves a lock that is no longer its own when it releases', () => {
    const dir = newDir();
    const release = lockDataDir(dir);
    writeFileSync(lockFile(dir), JSON.stringify({ pid: 4242, start: 'someone else' }));
    release();
    expect(readFileSync(lockFile(dir), 'utf8')).toContain('someone else');
  });
});
