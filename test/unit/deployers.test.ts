import { describe, expect, it } from 'vitest';
import { checkPermission } from '../../src/chatops/permission.ts';
import { formatConfigProblems, parseDeployConfig } from '../../src/config/parse-deploy-config.ts';
import { authorizeCause } from '../../src/deployments/authorize-cause.ts';
import type { GitHubClient } from '../../src/github/github-client.ts';

const deployers = (apps: string[] = []) => ({ permission: 'write' as const, apps });
// A bot is decided by the config alone: asking GitHub for its permission would be a mistake.
const noGitHub = new Proxy(
  {},
  {
    get() {
      throw new Error('a bot must be decided without asking GitHub');
    },
  },
) as GitHubClient;
const repo = { owner: 'acme', repo: 'shop', environment: 'production' };

describe('who may deploy', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'a role named %s from a permission answer ranks as nothing',
    (role) => {
      expect(checkPermission('mallory', role, 'write')).toMatchObject({ ok: false });
      expect(checkPermission('mallory', role, 'read')).toMatchObject({ ok: false });
    },
  );

  it('ranks the base roles', () => {
    expect(checkPermission('dev', 'maintain', 'write')).toEqual({ ok: true, role: 'maintain' });
    expect(checkPermission('dev', 'triage', 'write')).toMatchObject({ ok: false, reason: expect.stringContaining('needs write') });
  });

  it('a bot passes only when deployers.apps lists its app', async () => {
    const bot = { kind: 'deployment' as const, login: 'github-actions[bot]', type: 'Bot' as const };
    const refused = await authorizeCause(noGitHub, { ...repo, cause: bot, deployers: deployers() });
    expect(refused).toEqual({
      ok: false,
      reason: "created by @github-actions[bot], an app that production's deployers.apps does not list",
    });
    expect(await authorizeCause(noGitHub, { ...repo, cause: bot, deployers: deployers(['GitHub-Actions']) })).toEqual({ ok: true });
    expect(await authorizeCause(noGitHub, { ...repo, cause: bot, deployers: deployers(['dependabot']) })).toMatchObject({ ok: false });
  });

  it('a user of type Bot is a bot whatever its login', async () => {
    const machine = { kind: 'merge' as const, login: 'merge-robot', type: 'Bot' as const };
    expect(await authorizeCause(noGitHub, { ...repo, cause: machine, deployers: deployers() })).toMatchObject({ ok: false });
  });

  it('a deployment nobody is known to have caused is refused', async () => {
    expect(await authorizeCause(noGitHub, { ...repo, cause: undefined, deployers: deployers() })).toMatchObject({ ok: false });
  });
});

describe('environment names', () => {
  const problems = (name: string) => {
    const r = parseDeployConfig(`environments:\n  ${name}:\n    backend: { provider: command, run: x }\n`);
    return r.ok ? [] : formatConfigProblems(r.problems).split('\n');
  };

  it.each(['.', '..', "'.'", '"__proto__"', '__proto__'])('refuses %s', (name) => {
    expect(problems(name)).toEqual([expect.stringMatching(/cannot be named|letters, digits/)]);
  });

  it('keeps a name like constructor as an own environment, not a prototype property', () => {
    const r = parseDeployConfig('environments:\n  constructor:\n    backend: { provider: command, run: x }\n');
    expect(r.ok && Object.hasOwn(r.config.environments, 'constructor')).toBe(true);
    expect(r.ok && Object.hasOwn(r.config.environments, 'toString')).toBe(false);
  });
});
