import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * scripts/setup-system.sh against a PATH of recording stubs only: the test never looks at, installs
 * on or starts anything of the real machine.
 */
const script = join(import.meta.dirname, '../../scripts/setup-system.sh');
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

interface Machine {
  uid: number;
  present: string[];
  users: string[];
  postgres: 'up' | 'down' | 'absent';
}

async function run(machine: Machine, purpose = 'test') {
  const bin = await mkdtemp(join(tmpdir(), 'setup-stubs-'));
  dirs.push(bin);
  const calls = join(bin, 'calls.log');
  const stub = async (name: string, body: string) => {
    await writeFile(join(bin, name), `#!/bin/bash\necho "${name} $*" >> ${calls}\n${body}\n`);
    await chmod(join(bin, name), 0o755);
  };
  for (const name of machine.present) await stub(name, 'exit 0');
  await stub('id', `echo ${machine.uid}`);
  await stub('getent', `case " ${machine.users.join(' ')} " in *" $2 "*) echo "$2:x:1:1::/:/bin/false";; *) exit 2;; esac`);
  await stub('apt-get', 'exit 0');
  await stub('useradd', 'exit 0');
  if (machine.postgres !== 'absent') {
    const state = join(bin, 'pg-state');
    await writeFile(state, machine.postgres);
    await stub('pg_isready', `read -r s < ${state}; [ "$s" = up ]`);
    await stub('pg_lsclusters', 'echo "15 main 5432 down postgres /var/lib/postgresql/15/main"');
    await stub('pg_ctlcluster', `echo up > ${state}`);
  }
  const result = await promisify(execFile)('/bin/bash', [script, purpose], { env: { PATH: bin } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
  const log = await readFile(calls, 'utf8').catch(() => '');
  const changes = log.split('\n').filter((l) => /^(apt-get|useradd|pg_ctlcluster) /.test(l));
  return { ...result, changes };
}

const everything = ['bwrap', 'slirp4netns', 'chromium'];

describe('scripts/setup-system.sh', () => {
  it('says and changes nothing when everything is there', async () => {
    const r = await run({ uid: 1000, present: everything, users: ['runway-sandbox'], postgres: 'up' });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '', changes: [] });
  });

  it('as root, installs the missing packages, creates the user and starts PostgreSQL, saying so', async () => {
    const r = await run({ uid: 0, present: ['bwrap'], users: [], postgres: 'down' });
    expect(r.code).toBe(0);
    expect(r.changes).toEqual([
      'apt-get update -qq',
      'apt-get install -y -qq slirp4netns chromium',
      'useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin runway-sandbox',
      'pg_ctlcluster --skip-systemctl-redirect 15 main start',
    ]);
    expect(r.stdout).toBe(
      'setup: installing slirp4netns chromium (apt-get)\n' +
        'setup: creating the sandbox user runway-sandbox\n' +
        'setup: starting PostgreSQL 15 main\n',
    );
  });

  it('for the demo, leaves chromium out and a machine without PostgreSQL alone', async () => {
    const r = await run({ uid: 0, present: [], users: ['runway-sandbox'], postgres: 'absent' }, 'demo');
    expect(r.changes).toEqual(['apt-get update -qq', 'apt-get install -y -qq bubblewrap slirp4netns']);
  });

  it('when not root, changes nothing and names the exact commands in one message', async () => {
    const r = await run({ uid: 1000, present: ['chromium'], users: [], postgres: 'down' });
    expect(r.code).toBe(1);
    expect(r.changes).toEqual([]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'setup: this machine lacks what `npm test` needs; run these as root, then try again:\n' +
        '  sudo apt-get update\n' +
        '  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y bubblewrap slirp4netns\n' +
        '  sudo useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin runway-sandbox\n' +
        '  sudo pg_ctlcluster --skip-systemctl-redirect 15 main start\n',
    );
  });
});
