import { join } from 'node:path';
import { localArtifactStore } from '../../src/artifacts/local-artifact-store.ts';
import type { ProviderDeps } from '../../src/providers/provider.ts';
import type { HerokuPlatform } from '../../sandbox/heroku/index.ts';
import { noCommandsSandbox } from './command-sandbox.ts';

export interface HerokuTestSetup {
  platform: HerokuPlatform;
  /** The token the platform accepts. */
  token: string;
  /** Scratch folder of the test file: the provider's work and artifacts go below it. */
  workDir: string;
}

/** What the `heroku` provider gets from the server, pointed at the sandbox platform. */
export function herokuProviderDeps(setup: HerokuTestSetup, overrides: Partial<ProviderDeps> = {}): ProviderDeps {
  return {
    serverEnv: {},
    herokuApiToken: setup.token,
    herokuApiUrl: setup.platform.url,
    herokuDataApiUrl: setup.platform.dataApiUrl,
    workDir: join(setup.workDir, 'provider'),
    sandbox: noCommandsSandbox(),
    artifacts: localArtifactStore(join(setup.workDir, 'artifacts')),
    ...overrides,
  };
}
