import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';
import type { PolicyFile } from '../../sandbox/sandbox-policy.ts';
import { loadSettings } from '../../src/config/settings.ts';
import { startRunway, type RunningRunway } from '../../src/runway.ts';
import { storeFor, type Engine, type EngineStore } from './engines.ts';

export interface RunwayStack {
  github: FakeGitHub;
  runway: RunningRunway;
  store: EngineStore;
  env: Record<string, string>;
  close(): Promise<void>;
}

/** The fake GitHub and an in-process Runway talking to each other over HTTP, on one engine. */
export async function startRunwayStack(
  engine: Engine,
  extraEnv: Record<string, string> = {},
  /** `clock`: Runway's clock for check waits, lock ends and freeze windows. */
  options: { policy?: PolicyFile | false; clock?: () => Date } = {},
): Promise<RunwayStack> {
  const github = await startFakeGitHub({ webhookSecret: `whsec-${Math.random().toString(36).slice(2)}`, strictTokens: true });
  const store = await storeFor(engine);
  const env = sandboxRunwayEnv({
    github,
    dataDir: store.dataDir,
    databaseUrl: store.databaseUrl,
    policy: options.policy,
    extra: { RUNWAY_JOB_LEASE_SECONDS: '5', ...extraEnv },
  });
  const loaded = loadSettings(env);
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const runway = await startRunway(loaded.settings, { ...(options.clock && { clock: options.clock }) });
  github.setWebhookTarget(`${runway.url}/api/github/webhooks`);
  return {
    github,
    runway,
    store,
    env,
    close: async () => {
      await runway.close();
      await github.close();
      await store.cleanup();
    },
  };
}
