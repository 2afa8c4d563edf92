import { describe, expect, it } from 'vitest';
import { parseCommand, type Command } from '../../src/chatops/index.ts';

const accepted: [string, Command][] = [
  ['/deploy', { kind: 'deploy', dryRun: false }],
  ['/deploy main', { kind: 'deploy', ref: 'main', dryRun: false }],
  ['/deploy feature/login-v2', { kind: 'deploy', ref: 'feature/login-v2', dryRun: false }],
  ['/deploy v1.2.3 to production', { kind: 'deploy', ref: 'v1.2.3', environment: 'production', dryRun: false }],
  ['/deploy to staging', { kind: 'deploy', environment: 'staging', dryRun: false }],
  ['/deploy --dry-run', { kind: 'deploy', dryRun: true }],
  ['/deploy main to production --dry-run', { kind: 'deploy', ref: 'main', environment: 'production', dryRun: true }],
  ['/deploy --dry-run main TO production', { kind: 'deploy', ref: 'main', environment: 'production', dryRun: true }],
  ['/deploy 0a1b2c3d to docs-production', { kind: 'deploy', ref: '0a1b2c3d', environment: 'docs-production', dryRun: false }],
  ['/redeploy production', { kind: 'redeploy', environment: 'production', dryRun: false }],
  ['/redeploy eu.prod_1 --dry-run', { kind: 'redeploy', environment: 'eu.prod_1', dryRun: true }],
  ['/rollback production', { kind: 'rollback', environment: 'production', dryRun: false }],
  ['/rollback production to ABCDEF1', { kind: 'rollback', environment: 'production', to: { sha: 'abcdef1' }, dryRun: false }],
  [
    '/rollback production to 0123456789abcdef0123456789abcdef01234567',
    { kind: 'rollback', environment: 'production', to: { sha: '0123456789abcdef0123456789abcdef01234567' }, dryRun: false },
  ],
  ['/rollback production to 1234567890', { kind: 'rollback', environment: 'production', to: { deploymentId: 1234567890 }, dryRun: false }],
  ['/rollback staging to 42 --dry-run', { kind: 'rollback', environment: 'staging', to: { deploymentId: 42 }, dryRun: true }],
  ['/deploy main to production --force', { kind: 'deploy', ref: 'main', environment: 'production', dryRun: false, force: true }],
  ['/deploy --FORCE --dry-run', { kind: 'deploy', dryRun: true, force: true }],
  ['/lock production', { kind: 'lock', environment: 'production' }],
  ['/lock production   release freeze: see #12  ', { kind: 'lock', environment: 'production', reason: 'release freeze: see #12' }],
  ['/lock production --until friday', { kind: 'lock', environment: 'production', reason: '--until friday' }],
  ['/lock production for 30m', { kind: 'lock', environment: 'production', minutes: 30 }],
  ['/lock production FOR 2H deploy of the demo', { kind: 'lock', environment: 'production', minutes: 120, reason: 'deploy of the demo' }],
  ['/lock production for 3d', { kind: 'lock', environment: 'production', minutes: 3 * 24 * 60 }],
  // Only `for <n>m|h|d` is a duration: anything else after `for` is the reason, as written.
  ['/lock production for the demo', { kind: 'lock', environment: 'production', reason: 'for the demo' }],
  ['/lock production for 2 hours', { kind: 'lock', environment: 'production', reason: 'for 2 hours' }],
  ['/lock production demo for 2h', { kind: 'lock', environment: 'production', reason: 'demo for 2h' }],
  ['/lock --all', { kind: 'lock', all: true }],
  ['/lock --all for 1h release week', { kind: 'lock', all: true, minutes: 60, reason: 'release week' }],
  ['/unlock production', { kind: 'unlock', environment: 'production' }],
  ['/status', { kind: 'status' }],
  ['/status staging', { kind: 'status', environment: 'staging' }],
  ['/help', { kind: 'help' }],
  ['/help deploy', { kind: 'help' }],
  ['/deploy main to production --skip-checks', { kind: 'deploy', ref: 'main', environment: 'production', dryRun: false, skipChecks: true }],
  ['/cancel production', { kind: 'cancel', target: { environment: 'production' }, undo: true }],
  ['/cancel production --no-undo', { kind: 'cancel', target: { environment: 'production' }, undo: false }],
  ['/cancel 7000123', { kind: 'cancel', target: { deploymentId: 7000123 }, undo: true }],
  ['/resume production', { kind: 'resume', environment: 'production' }],
  ['/promote staging to production', { kind: 'promote', from: 'staging', to: 'production', dryRun: false }],
  ['/promote Staging TO eu.prod --dry-run', { kind: 'promote', from: 'Staging', to: 'eu.prod', dryRun: true }],
];

describe('parseCommand accepts every form', () => {
  it.each(accepted)('%j', (body, command) => {
    expect(parseCommand(body)).toEqual({ ok: true, command });
  });
});

describe('parseCommand ignores case and surrounding whitespace', () => {
  it.each([
    ['/DEPLOY main', 'deploy'],
    ['/Deploy main', 'deploy'],
    ['   /deploy main', 'deploy'],
    ['   /status\t', 'status'],
    ['\n\n  \n/status\n', 'status'],
    ['\r\n/status\r\nthanks!', 'status'],
    ['/status   ', 'status'],
    ['/status\nmore text on the next line\n/deploy', 'status'],
  ])('%j', (body, kind) => {
    const result = parseCommand(body);
    expect(result.ok && result.command.kind).toBe(kind);
  });

  it('keeps the environment name as written', () => {
    expect(parseCommand('/STATUS Production')).toEqual({ ok: true, command: { kind: 'status', environment: 'Production' } });
  });
});

describe('parseCommand ignores comments whose command is code, a quote or not first', () => {
  it.each([
    '',
    '   \n\n',
    'LGTM',
    'Please /deploy this',
    'Thanks!\n/deploy',
    '`/deploy`',
    '```\n/deploy\n```',
    '```sh\n/deploy main\n```\n',
    '~~~\n/deploy\n~~~',
    '````\n```\n/deploy\n````',
    '```\nnever closed\n/deploy',
    '    /deploy',
    '\t/deploy',
    '> /deploy',
    '>/deploy production',
    '   > /deploy',
    '> quoted text\n/deploy',
    '> > /deploy',
    '/etc/hosts is broken',
    '/ deploy',
    '/123',
    '/',
    '//deploy',
    '\u200b/deploy',
    '\u00a0/deploy',
  ])('%j', (body) => {
    expect(parseCommand(body)).toEqual({ ok: false, reason: 'not_a_command' });
  });

  it('finds the command after code blocks and quotes', () => {
    for (const body of ['```\ncode\n```\n/status', '~~~~\n~~~\n~~~~\n/status', '> quote\n\n/status', '>\n/status', '    code\n\n/status']) {
      expect(parseCommand(body), body).toEqual({ ok: true, command: { kind: 'status' } });
    }
  });
});

describe('parseCommand names unknown commands and suggests the closest', () => {
  it.each([
    ['/deplyo', 'deplyo', 'deploy'],
    ['/delpoy main', 'delpoy', 'deploy'],
    ['/Deploi', 'deploi', 'deploy'],
    ['/redploy production', 'redploy', 'redeploy'],
    ['/rolback production', 'rolback', 'rollback'],
    ['/unlok production', 'unlok', 'unlock'],
    ['/stauts', 'stauts', 'status'],
    ['/hlep', 'hlep', 'help'],
    ['/lokc production', 'lokc', 'lock'],
  ])('%j', (body, word, suggestion) => {
    expect(parseCommand(body)).toEqual({ ok: false, reason: 'unknown_command', word, suggestion });
  });

  it.each([
    ['/shrug', 'shrug'],
    ['/merge', 'merge'],
    ['/x', 'x'],
  ])('%j has no suggestion', (body, word) => {
    expect(parseCommand(body)).toEqual({ ok: false, reason: 'unknown_command', word });
  });
});

describe('parseCommand explains bad arguments', () => {
  it.each([
    ['/cancel', 'cancel', 'expected an environment or a deployment id'],
    ['/cancel prod;rm', 'cancel', 'neither an environment name nor a deployment id'],
    ['/cancel production now', 'cancel', 'unexpected `now`'],
    ['/cancel production --skip-checks', 'cancel', 'unknown option'],
    ['/resume', 'resume', 'expected an environment'],
    ['/resume production --no-undo', 'resume', 'unknown option'],
    ['/redeploy production --skip-checks', 'redeploy', 'unknown option'],
    ['/deploy main; rm -rf /', 'deploy', 'not a valid git ref'],
    ['/deploy $(curl evil)', 'deploy', 'not a valid git ref'],
    ['/deploy ../../etc', 'deploy', 'not a valid git ref'],
    ['/deploy a..b', 'deploy', 'must not contain ..'],
    ['/deploy -rf', 'deploy', 'must not start with -'],
    ['/deploy main~1', 'deploy', 'not a valid git ref'],
    ['/deploy HEAD^', 'deploy', 'not a valid git ref'],
    ['/deploy refs:heads', 'deploy', 'not a valid git ref'],
    ['/deploy what?', 'deploy', 'not a valid git ref'],
    ['/deploy feat*', 'deploy', 'not a valid git ref'],
    ['/deploy [x]', 'deploy', 'not a valid git ref'],
    ['/deploy a\\b', 'deploy', 'not a valid git ref'],
    ['/deploy a\u0007b', 'deploy', 'not a valid git ref'],
    ['/deploy feature/', 'deploy', 'empty path component'],
    ['/deploy a//b', 'deploy', 'empty path component'],
    ['/deploy main.', 'deploy', 'must not end with .'],
    ['/deploy x/.hidden', 'deploy', 'starting with .'],
    ['/deploy main.lock', 'deploy', '.lock'],
    ['/deploy @', 'deploy', 'must not be @'],
    [`/deploy ${'a/'.repeat(127)}ab`, 'deploy', 'longer than 255'],
    ['/deploy main to', 'deploy', 'expected an environment after `to`'],
    ['/deploy to', 'deploy', 'expected an environment after `to`'],
    ['/deploy main to prod;ls', 'deploy', 'not an environment name'],
    ['/deploy main to e1234567890123456789012345678901234567890123456789012345678901234', 'deploy', 'not an environment name'],
    ['/deploy main production', 'deploy', 'unexpected `production`'],
    ['/deploy main to production now', 'deploy', 'unexpected `now`'],
    ['/deploy --forse', 'deploy', 'unknown option `--forse`'],
    ['/redeploy', 'redeploy', 'expected an environment'],
    ['/redeploy --dry-run', 'redeploy', 'expected an environment'],
    ['/redeploy prod extra', 'redeploy', 'unexpected `extra`'],
    ['/rollback', 'rollback', 'expected an environment'],
    ['/rollback prod to', 'rollback', 'expected a sha or a deployment id'],
    ['/rollback prod to main', 'rollback', 'neither a sha'],
    ['/rollback prod to abc12', 'rollback', 'neither a sha'],
    ['/rollback prod to 0', 'rollback', 'neither a sha'],
    ['/rollback prod to -5', 'rollback', 'neither a sha'],
    ['/rollback prod abc1234', 'rollback', 'unexpected `abc1234`'],
    ['/lock', 'lock', 'expected an environment'],
    ['/lock --now prod', 'lock', 'unknown option'],
    ['/lock prod for 0m', 'lock', 'at least 1m'],
    ['/lock prod for 91d', 'lock', 'at most 90d'],
    [`/lock prod ${'reason '.repeat(29)}`, 'lock', 'longer than 200'],
    ['/unlock', 'unlock', 'expected an environment'],
    ['/unlock prod now', 'unlock', 'unexpected `now`'],
    ['/unlock prod --dry-run', 'unlock', 'unknown option'],
    ['/status prod staging', 'status', 'unexpected `staging`'],
    ['/status pr*d', 'status', 'not an environment name'],
    ['/promote', 'promote', 'expected the environment to promote from'],
    ['/promote staging', 'promote', 'expected `to <environment>`'],
    ['/promote staging production', 'promote', 'expected `to <environment>`'],
    ['/promote staging to', 'promote', 'expected an environment after `to`'],
    ['/promote staging to staging', 'promote', 'cannot be promoted to itself'],
    ['/promote staging to prod;ls', 'promote', 'not an environment name'],
    ['/promote staging to production now', 'promote', 'unexpected `now`'],
    ['/promote staging to production --force', 'promote', 'unknown option `--force`'],
  ])('%j', (body, command, message) => {
    const result = parseCommand(body);
    expect(result).toMatchObject({ ok: false, reason: 'bad_arguments', command });
    expect(result.ok === false && result.reason === 'bad_arguments' && result.message).toContain(message);
    expect(result.ok === false && result.reason === 'bad_arguments' && result.usage).toMatch(new RegExp(`^/${command}\\b`));
  });

  it('refuses a command line over 1,000 characters and a body over 64 KiB', () => {
    expect(parseCommand(`/deploy ${'x'.repeat(1000)}`)).toMatchObject({
      reason: 'bad_arguments',
      message: expect.stringContaining('longer than 1000'),
    });
    expect(parseCommand(`/deploy main\n${'x'.repeat(70_000)}`)).toMatchObject({
      reason: 'bad_arguments',
      message: expect.stringContaining('64 KiB'),
    });
    expect(parseCommand(`/deploy main\n${'é'.repeat(33_000)}`)).toMatchObject({
      reason: 'bad_arguments',
      message: expect.stringContaining('64 KiB'),
    });
  });

  it('accepts a 200-character reason, counted in characters', () => {
    const reason = '🔒'.repeat(200);
    expect(parseCommand(`/lock prod ${reason}`)).toEqual({ ok: true, command: { kind: 'lock', environment: 'prod', reason } });
  });

  it('ignores an ordinary comment that is huge or has a huge first line', () => {
    expect(parseCommand('x'.repeat(200_000))).toEqual({ ok: false, reason: 'not_a_command' });
    expect(parseCommand(`/${'a'.repeat(100_000)}`)).toEqual({ ok: false, reason: 'not_a_command' });
  });
});
