import type { GitHubClient } from '../github/github-client.ts';

export type CheckState = 'green' | 'pending' | 'red';

/** One check run or commit status on a commit, with the app that posted it (`null`: a person or unknown). */
export interface ObservedCheck {
  name: string;
  appId: number | null;
  state: CheckState;
  /** `failure`, `timed_out`, `error`, …: what a red check is called in the reply. */
  outcome: string;
  /** Higher is newer, within one kind. */
  order: number;
  kind: 'check_run' | 'status';
}

const GREEN_CONCLUSIONS = new Set(['success', 'neutral', 'skipped']);

function runState(status: string, conclusion: string | null): { state: CheckState; outcome: string } {
  if (status !== 'completed' || conclusion === null) return { state: 'pending', outcome: status };
  return { state: GREEN_CONCLUSIONS.has(conclusion) ? 'green' : 'red', outcome: conclusion };
}

function statusState(state: string): CheckState {
  if (state === 'success') return 'green';
  return state === 'pending' ? 'pending' : 'red';
}

/**
 * Every check run and commit status on `sha`, as GitHub answers now (check webhooks only prompt
 * Runway to ask again). A status's source is its creator: an app's bot (`<slug>[bot]`) is looked up
 * by slug for its id; a person's status has no app, so it never satisfies a check that names one.
 */
export async function observedChecks(github: GitHubClient, r: { owner: string; repo: string; sha: string }): Promise<ObservedCheck[]> {
  const [runs, statuses] = await Promise.all([
    github.paginate(github.rest.checks.listForRef, { owner: r.owner, repo: r.repo, ref: r.sha, per_page: 100 }),
    github.paginate(github.rest.repos.listCommitStatusesForRef, { owner: r.owner, repo: r.repo, ref: r.sha, per_page: 100 }),
  ]);
  const appIds = new Map<string, Promise<number | null>>();
  const appOf = (login: string | undefined, type: string | undefined): Promise<number | null> => {
    if (!login || type !== 'Bot' || !login.endsWith('[bot]')) return Promise.resolve(null);
    const slug = login.slice(0, -'[bot]'.length);
    let id = appIds.get(slug);
    if (!id) {
      id = github.rest.apps.getBySlug({ app_slug: slug }).then(
        (res) => res.data?.id ?? null,
        () => null,
      );
      appIds.set(slug, id);
    }
    return id;
  };
  const observed: ObservedCheck[] = runs.map((run) => ({
    name: run.name,
    appId: run.app?.id ?? null,
    ...runState(run.status, run.conclusion),
    order: run.id,
    kind: 'check_run' as const,
  }));
  for (const s of statuses) {
    observed.push({
      name: s.context,
      appId: await appOf(s.creator?.login, s.creator?.type),
      state: statusState(s.state),
      outcome: s.state,
      order: s.id,
      kind: 'status',
    });
  }
  return observed;
}
