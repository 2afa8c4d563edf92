import type { CommandSandbox } from '../sandbox/command-sandbox.ts';
import type { ArtifactStore } from '../artifacts/artifact-store.ts';
import type { SourceTree, Step, StepOutputs } from '../deployments/step.ts';

/** What providers may use from the server: the settings snapshot taken once at start-up. */
export interface ProviderDeps {
  /** Server environment variables, read once at start-up (for `from_env` values). Never logged. */
  readonly serverEnv: Readonly<Record<string, string | undefined>>;
  readonly herokuApiToken?: string;
  /** Base URL of the Heroku Platform API (default https://api.heroku.com). */
  readonly herokuApiUrl: string;
  /** Base URL of Heroku's data API used for backups (default https://api.data.heroku.com). */
  readonly herokuDataApiUrl: string;
  /** Scratch folder of this process (checkouts, kept builds fetched for a rollback). */
  readonly workDir: string;
  /** Where commands and builds run (the command sandbox, or its refusal). */
  readonly sandbox: CommandSandbox;
  /** Where kept builds and release manifests live between deployments, for every replica. */
  readonly artifacts: ArtifactStore;
}

/** What a rollback returns to: an earlier successful deployment of the environment. */
export interface RollbackTarget {
  sha: string;
  /** The outputs that deployment published (`backend.release`, `frontend.url`, …). */
  outputs: Readonly<Record<string, string>>;
}

/** What `/promote` ships: the live deployment of another environment, with that environment's config of the same provider. */
export interface PromotionSource<Config> extends RollbackTarget {
  /** The source environment's name (where its kept builds are). */
  readonly environment: string;
  readonly config: Config;
}

/** What a dry run gives a provider to preview its work with. */
export interface PreviewInput {
  readonly deployment: { owner: string; repo: string; environment: string; sha: string };
  readonly source: SourceTree;
  /** The outputs of what is live now (`backend.url`), standing in for the steps that would run first. */
  readonly outputs: StepOutputs;
  readonly signal: AbortSignal;
  /** Private networks the policy opens to the repository: the bucket is listed through them. */
  readonly network: readonly string[];
}

/** A provider turns its config section into the steps of a plan. */
export interface Provider<Config> {
  readonly name: string;
  steps(config: Config, deps: ProviderDeps, side: 'backend' | 'frontend'): Step[];
  /**
   * Steps that put an earlier deployment back without rebuilding it (a Heroku release rollback, a
   * re-sync of a kept frontend build). `undefined` when this provider cannot: the earlier commit is
   * then deployed again with `steps`.
   */
  rollbackSteps?(config: Config, deps: ProviderDeps, side: 'backend' | 'frontend', target: RollbackTarget): Step[] | undefined;
  /**
   * Steps that put what `source` runs on this environment without rebuilding it (a Heroku release of
   * the same slug). `undefined` when this provider cannot: the source's commit is deployed with `steps`.
   */
  promoteSteps?(config: Config, deps: ProviderDeps, side: 'backend' | 'frontend', source: PromotionSource<Config>): Step[] | undefined;
  /**
   * For `--dry-run`: lines that say in detail what the steps would change (the files a sync would
   * upload). Reads only: nothing is written to the provider or kept on disk.
   */
  preview?(config: Config, deps: ProviderDeps, side: 'backend' | 'frontend', input: PreviewInput): Promise<string[]>;
}
