import { spawnSync } from 'node:child_process';
import type { Settings } from '../../config/settings.ts';
import type { CheckResult } from './doctor-check.ts';

const runs = (command: string, args: string[]): boolean => spawnSync(command, args, { stdio: 'ignore', timeout: 5_000 }).status === 0;

/** What the command sandbox needs on this host: bwrap, slirp4netns, its user, and root to start it. */
export function checkSandbox(settings: Settings): CheckResult {
  const name = 'Command sandbox';
  if (settings.sandbox.mode === 'off')
    return { name, status: 'problem', detail: 'RUNWAY_SANDBOX=off: repository commands and builds run unsandboxed, with Runway’s rights' };
  const missing = [
    ...(runs('bwrap', ['--version']) ? [] : ['bubblewrap (bwrap)']),
    ...(runs('slirp4netns', ['--version']) ? [] : ['slirp4netns']),
    ...(runs('id', ['-u', settings.sandbox.user]) ? [] : [`the user ${settings.sandbox.user}`]),
  ];
  const root = process.getuid?.() === 0;
  if (missing.length > 0 || !root)
    return {
      name,
      status: 'problem',
      detail: `${[...missing.map((m) => `${m} is missing`), ...(root ? [] : ['Runway must run as root to start sandboxed commands'])].join('; ')}; as root, scripts/setup-system.sh installs and creates what is missing`,
    };
  return { name, status: 'ok', detail: `bwrap, slirp4netns and the user ${settings.sandbox.user} are there` };
}
