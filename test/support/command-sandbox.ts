import path from 'node:path';
import { CommandSandbox, type SandboxSettings } from '../../src/sandbox/command-sandbox.ts';

/**
 * A command sandbox for tests that build ProviderDeps themselves (no Runway around them): on, as
 * in production, its self-test started at once (commands wait for it). `dataDir` is the test's own
 * folder; the npm cache is shared under .cache/ so builds do not download their packages each time.
 */
export function testSandbox(dataDir: string, options: Partial<SandboxSettings> = {}): CommandSandbox {
  const sandbox = new CommandSandbox({
    mode: 'on',
    user: 'runway-sandbox',
    dataDir,
    dir: path.join(dataDir, 'sandbox'),
    ...options,
  });
  void sandbox.selfTest([]);
  return sandbox;
}

/** For providers that run no command (Heroku): a sandbox never checked, so it refuses any command. */
export function noCommandsSandbox(): CommandSandbox {
  return new CommandSandbox({ mode: 'on', user: 'runway-sandbox', dataDir: '/nonexistent', dir: '/nonexistent' });
}
