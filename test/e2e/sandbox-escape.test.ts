import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownAddresses } from '../../src/sandbox/network-routes.ts';
import { decodedForms } from '../support/decoded-forms.ts';
import { startHerokuProcessStack, type HerokuProcessStack } from '../support/heroku-process-stack.ts';
import { fetchLogPage, mergeAndAwaitDeployment, type MergedDeployment } from '../support/merge-and-deploy.ts';

// Runway as its own process, with its secrets in its environment, a key file and a .env beside it,
// deploys a command that hunts for them and tries to break out. Everything it found is printed
// (base64) into the deployment log, which is then searched, decoded, for every secret.
const owner = 'acme';
const repo = 'prober';
const secrets = {
  AWS_SECRET_ACCESS_KEY: `aws-${randomBytes(16).toString('hex')}`,
  SHOP_SECRET: `shop-${randomBytes(16).toString('hex')}`,
};

/** Reads what it should not see, and tries what it should not do; each attempt says "held" or "escaped". */
const probe = `
say() { echo "found $1: $(printf '%s' "$2" | base64 -w0)"; }
for f in /proc/[0-9]*/environ; do say "$f" "$(tr '\\0' '\\n' < "$f" 2>&1)"; done
for f in /proc/[0-9]*/cmdline; do say "$f" "$(tr '\\0' ' ' < "$f" 2>&1)"; done
say data-dir "$(ls -laR "$DATA_DIR" 2>&1 | head -100)"
say home "$(ls -la /root "$HOME" 2>&1)"
say tmp "$(ls -laR /tmp 2>&1 | head -100)"
say key-file "$(cat "$KEY_FILE" 2>&1)"
say dot-env "$(cat "$DOT_ENV" 2>&1)"
say pg-socket "$(ls -la /var/run/postgresql /run/postgresql 2>&1)"
try() { what=$1; shift; if "$@" >/dev/null 2>&1; then echo "escaped: $what"; else echo "held: $what"; fi; }
try "remount /" mount -o remount,rw /
try "unmount /tmp" umount /tmp
try "unmount /proc" umount -l /proc
for f in /usr/probe /etc/probe /probe; do try "write $f" touch "$f"; done
# Under /tmp on this host, these paths fall in the sandbox's own /tmp: the test looks for them on the host.
for f in "$DATA_DIR/probe" "$(dirname "$PWD")/probe"; do touch "$f" 2>/dev/null; echo "tried: write $f"; done
try "psql over the socket" psql -h /var/run/postgresql -U postgres -c 'select 1'
for target in 127.0.0.1:5432 127.0.0.1:$RUNWAY_PORT 169.254.169.254:80 $HOST_TARGETS; do
  try "connect $target" timeout 5 bash -c "echo > /dev/tcp/\${target%:*}/\${target#*:}"
done
touch "$PWD/written-here" && echo "wrote the checkout"
echo probe-done
`;

let stack: HerokuProcessStack;
let dir: string;
let deployed: MergedDeployment;
let log: string;
let serverSecrets: string[];
const dataDir = () => stack.env.RUNWAY_DATA_DIR!;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sandbox-escape-'));
  stack = await startHerokuProcessStack({ apps: [], runwayEnv: secrets });
  const { github, env, runway } = stack;
  // A key file and a .env at known paths outside the checkout, as an operator might keep them.
  const keyFile = path.join(dir, 'app-key.pem');
  const dotEnv = path.join(dir, '.env');
  await writeFile(keyFile, env.PRIVATE_KEY!);
  await writeFile(dotEnv, `WEBHOOK_SECRET=${env.WEBHOOK_SECRET}\n`);
  serverSecrets = [
    env.WEBHOOK_SECRET!,
    env.HEROKU_API_TOKEN!,
    secrets.AWS_SECRET_ACCESS_KEY,
    secrets.SHOP_SECRET,
    // Any 40-character slice of the key's body is proof enough of a leak.
    ...env
      .PRIVATE_KEY!.split('\n')
      .filter((l) => l.length > 40 && !l.startsWith('-----'))
      .map((l) => l.slice(0, 40)),
  ];
  const port = new URL(runway.url).port;
  const config = [
    'environments:',
    '  production:',
    '    backend:',
    '      provider: command',
    '      run: bash probe.sh',
    '      env:',
    `        DATA_DIR: ${JSON.stringify(env.RUNWAY_DATA_DIR)}`,
    `        KEY_FILE: ${JSON.stringify(keyFile)}`,
    `        DOT_ENV: ${JSON.stringify(dotEnv)}`,
    `        RUNWAY_PORT: "${port}"`,
    `        HOST_TARGETS: "${ownAddresses()
      .flatMap((a) => [`${a}:${port}`, `${a}:5432`])
      .join(' ')}"`,
    '',
  ].join('\n');
  github.createRepo({ owner, name: repo, files: { '.github/deploy.yml': config, 'README.md': '# prober\n' } });
  deployed = await mergeAndAwaitDeployment(github, {
    owner,
    repo,
    branch: 'probe',
    environment: 'production',
    files: { 'probe.sh': probe },
  });
  log = await fetchLogPage(runway.url, deployed.final.logUrl!);
}, 180_000);

afterAll(async () => {
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a command deployed through Runway, in the sandbox', () => {
  it('runs to the end and writes its checkout', () => {
    expect(deployed.final.state).toBe('success');
    expect(log).toContain('wrote the checkout');
    expect(log).toContain('probe-done');
  });

  it('finds none of the server secrets, whatever the encoding', () => {
    expect(log).toMatch(/found \/proc\/1\/environ: /);
    const forms = decodedForms(log);
    for (const secret of serverSecrets)
      expect(
        forms.some((f) => f.includes(secret)),
        `a secret in the log`,
      ).toBe(false);
  });

  it('sees only its own processes, and none of the hidden files', () => {
    const found = Object.fromEntries(
      [...log.matchAll(/found (\S+): (\S*)/g)].map(([, what, b64]) => [what!, Buffer.from(b64!, 'base64').toString('utf8')]),
    );
    const cmdlines = Object.entries(found).filter(([what]) => what.endsWith('/cmdline'));
    expect(cmdlines.map(([, cmd]) => cmd).join('\n')).not.toMatch(/src\/main\.ts|launcher-process|postgres|slirp4netns/);
    expect(found['key-file']).toMatch(/No such file or directory/);
    expect(found['dot-env']).toMatch(/No such file or directory/);
    expect(found['pg-socket']).toMatch(/No such file or directory/);
    expect(found['home']).toMatch(/\/root.*No such file or directory/);
    expect(found['data-dir']).not.toMatch(/pgdata|\.lock|frontend-builds/);
  });

  it('can neither remount, unmount, write outside its checkout, nor connect to Runway, PostgreSQL or the metadata address', () => {
    const attempts = log.split('\n').filter((l) => /^(held|escaped): /.test(l.replace(/^.*?(held|escaped): /, '$1: ')));
    expect(attempts.filter((l) => l.includes('escaped: '))).toEqual([]);
    for (const what of [
      'remount /',
      'unmount /tmp',
      'connect 127.0.0.1:5432',
      'connect 169.254.169.254:80',
      'write /usr/probe',
      'psql over the socket',
    ])
      expect(log).toContain(`held: ${what}`);
    const outside = ['/usr/probe', '/etc/probe', '/probe', path.join(dataDir(), 'probe'), path.join(dataDir(), 'work/checkouts/probe')];
    expect(log).toContain(`tried: write ${path.join(dataDir(), 'probe')}`);
    for (const file of outside) expect(existsSync(file), file).toBe(false);
    expect(log).toMatch(new RegExp(`held: connect 127\\.0\\.0\\.1:${new URL(stack.runway.url).port}`));
  });
});
