import { FakeHttpError } from '../http-error.ts';
import { now } from '../state.ts';

/** A GitHub App other than Runway (a CI), known to the fake by slug: it posts check runs and statuses. */
export type FakeApp = { id: number; slug: string };

/** A check required on a branch: by branch protection (`app_id`) or by a ruleset (`integration_id`). */
export type RequiredCheck = { context: string; appId: number | null };

export type Ruleset = { id: number; name: string; branches: string[]; checks: RequiredCheck[] };

export type CheckRunStatus = 'queued' | 'in_progress' | 'completed';
export type CheckConclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | 'stale';

export type CheckRunRecord = {
  id: number;
  suiteId: number;
  name: string;
  headSha: string;
  headBranch: string | null;
  status: CheckRunStatus;
  conclusion: CheckConclusion | null;
  app: FakeApp;
  startedAt: string;
  completedAt: string | null;
};

/**
 * What the fake knows about CI for each repository: required checks from branch protection and
 * rulesets, and check runs (grouped into one check suite per app and commit, as GitHub does).
 * Keyed by `owner/repo` in lower case, beside the main state.
 */
export class ChecksState {
  readonly apps = new Map<string, FakeApp>();
  readonly protection = new Map<string, Map<string, RequiredCheck[]>>();
  readonly rulesets = new Map<string, Ruleset[]>();
  readonly runs = new Map<string, CheckRunRecord[]>();
  private nextIds = { app: 800_000, run: 20_000_000, suite: 30_000_000, ruleset: 4_000 };

  registerApp(slug: string): FakeApp {
    const found = this.apps.get(slug.toLowerCase());
    if (found) return found;
    const app = { id: ++this.nextIds.app, slug };
    this.apps.set(slug.toLowerCase(), app);
    return app;
  }

  app(slug: string): FakeApp {
    const found = this.apps.get(slug.toLowerCase());
    if (!found) throw new FakeHttpError(404, 'Not Found');
    return found;
  }

  requiredByProtection(repoKey: string, branch: string): RequiredCheck[] | undefined {
    return this.protection.get(repoKey)?.get(branch);
  }

  /** Rulesets whose branch list names `branch` (exactly, or `*` for every branch). */
  rulesetsFor(repoKey: string, branch: string): Ruleset[] {
    return (this.rulesets.get(repoKey) ?? []).filter((r) => r.branches.includes(branch) || r.branches.includes('*'));
  }

  addRuleset(repoKey: string, input: { name?: string; branches: string[]; checks: RequiredCheck[] }): Ruleset {
    const ruleset = { id: ++this.nextIds.ruleset, name: input.name ?? `ruleset ${this.nextIds.ruleset}`, ...input };
    this.rulesets.set(repoKey, [...(this.rulesets.get(repoKey) ?? []), ruleset]);
    return ruleset;
  }

  /** Creates or updates the app's check run of that name on the commit (one suite per app and commit). */
  upsertRun(
    repoKey: string,
    input: {
      app: FakeApp;
      name: string;
      headSha: string;
      headBranch: string | null;
      status: CheckRunStatus;
      conclusion: CheckConclusion | null;
    },
  ): { run: CheckRunRecord; created: boolean } {
    const list = this.runs.get(repoKey) ?? [];
    this.runs.set(repoKey, list);
    const completedAt = input.status === 'completed' ? now() : null;
    const existing = list.find((r) => r.headSha === input.headSha && r.app.id === input.app.id && r.name === input.name);
    if (existing) {
      Object.assign(existing, { status: input.status, conclusion: input.conclusion, completedAt });
      return { run: existing, created: false };
    }
    const sameSuite = list.find((r) => r.headSha === input.headSha && r.app.id === input.app.id);
    const run: CheckRunRecord = {
      id: ++this.nextIds.run,
      suiteId: sameSuite?.suiteId ?? ++this.nextIds.suite,
      ...input,
      startedAt: now(),
      completedAt,
    };
    list.push(run);
    return { run, created: true };
  }

  runsOn(repoKey: string, sha: string): CheckRunRecord[] {
    return (this.runs.get(repoKey) ?? []).filter((r) => r.headSha === sha);
  }
}
