import type { RepoRecord } from '../state.ts';
import type { Urls } from '../shapes/urls.ts';
import { nodeId, userShape } from '../shapes/user.ts';
import type { CheckRunRecord, FakeApp, Ruleset } from './checks-state.ts';

/** A GitHub App as `GET /apps/{slug}` and the `app` of a check run show it. */
export function appShape(urls: Urls, app: FakeApp): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId('Integration', app.id),
    client_id: `Iv1.${app.slug}`,
    owner: userShape(urls, `${app.slug}-owner`, 'Organization'),
    name: app.slug,
    description: '',
    external_url: `${urls.web}/apps/${app.slug}`,
    html_url: `${urls.web}/apps/${app.slug}`,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    permissions: { checks: 'write', statuses: 'write', metadata: 'read' },
    events: [],
  };
}

const suiteStatus = (runs: CheckRunRecord[]) =>
  runs.every((r) => r.status === 'completed') ? 'completed' : runs.some((r) => r.status !== 'queued') ? 'in_progress' : 'queued';

/** The check suite of one app on one commit, as `GET .../check-suites` and `check_suite` payloads carry it. */
export function checkSuiteShape(urls: Urls, repo: RepoRecord, runs: CheckRunRecord[]): Record<string, unknown> {
  const first = runs[0]!;
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const status = suiteStatus(runs);
  const conclusions = runs.map((r) => r.conclusion);
  const conclusion =
    status !== 'completed'
      ? null
      : (['failure', 'timed_out', 'cancelled', 'action_required', 'stale'].find((c) => conclusions.includes(c as never)) ?? 'success');
  return {
    id: first.suiteId,
    node_id: nodeId('CheckSuite', first.suiteId),
    head_branch: first.headBranch,
    head_sha: first.headSha,
    status,
    conclusion,
    url: `${api}/check-suites/${first.suiteId}`,
    before: null,
    after: first.headSha,
    pull_requests: [],
    app: appShape(urls, first.app),
    created_at: first.startedAt,
    updated_at: runs
      .map((r) => r.completedAt ?? r.startedAt)
      .sort()
      .at(-1),
    latest_check_runs_count: runs.length,
    check_runs_url: `${api}/check-suites/${first.suiteId}/check-runs`,
  };
}

/** A check run as `GET .../check-runs` and `check_run` payloads carry it. */
export function checkRunShape(urls: Urls, repo: RepoRecord, run: CheckRunRecord): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  return {
    id: run.id,
    node_id: nodeId('CheckRun', run.id),
    head_sha: run.headSha,
    external_id: '',
    url: `${api}/check-runs/${run.id}`,
    html_url: `${urls.web}/${repo.owner}/${repo.name}/runs/${run.id}`,
    details_url: `${urls.web}/${repo.owner}/${repo.name}/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { title: null, summary: null, text: null, annotations_count: 0, annotations_url: `${api}/check-runs/${run.id}/annotations` },
    name: run.name,
    check_suite: { id: run.suiteId },
    app: appShape(urls, run.app),
    pull_requests: [],
  };
}

/** The `required_status_checks` rule of a ruleset, as `GET /repos/{o}/{r}/rules/branches/{branch}` lists it. */
export function requiredChecksRuleShape(repo: RepoRecord, ruleset: Ruleset): Record<string, unknown> {
  return {
    type: 'required_status_checks',
    ruleset_source_type: 'Repository',
    ruleset_source: `${repo.owner}/${repo.name}`,
    ruleset_id: ruleset.id,
    parameters: {
      strict_required_status_checks_policy: false,
      do_not_enforce_on_create: false,
      required_status_checks: ruleset.checks.map((c) => ({ context: c.context, ...(c.appId !== null && { integration_id: c.appId }) })),
    },
  };
}
