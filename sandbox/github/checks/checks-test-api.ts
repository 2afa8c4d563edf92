import type { FakeContext } from '../context.ts';
import { repositoryShape } from '../shapes/repository.ts';
import { commitShape } from '../shapes/commit.ts';
import { nodeId, userShape } from '../shapes/user.ts';
import type { CommitState, Delivery } from '../types.ts';
import type { CheckConclusion, CheckRunStatus, ChecksState } from './checks-state.ts';
import { appShape, checkRunShape, checkSuiteShape } from './checks-shapes.ts';

/** A required check as a test names it: `app` is the slug of the app that must post it (any source when absent). */
export type RequiredCheckInput = { context: string; app?: string };

/** What a test uses to arrange CI: other apps, required checks, check runs and statuses (each sends its webhook). */
export interface ChecksTestApi {
  /** Makes another GitHub App (a CI) known by slug; returns its id. */
  registerApp(slug: string): number;
  /** Branch protection's required status checks (`app_id` from `app`, or any source). */
  protectBranch(owner: string, repo: string, branch: string, checks: RequiredCheckInput[]): void;
  /** A repository ruleset with a `required_status_checks` rule on these branches (`*`: every branch). */
  addRuleset(owner: string, repo: string, input: { branches: string[]; checks: RequiredCheckInput[] }): void;
  /**
   * The app's check run of that name on the commit, created or updated; sends `check_run`
   * (created or completed) and, when the app's suite completed, `check_suite.completed`.
   */
  setCheckRun(
    owner: string,
    repo: string,
    sha: string,
    input: { app: string; name: string; status?: CheckRunStatus; conclusion?: CheckConclusion },
  ): Promise<Delivery[]>;
  /** A commit status posted by `creator` (a user, or an app's `<slug>[bot]`); sends `status`. */
  postCommitStatus(
    owner: string,
    repo: string,
    sha: string,
    input: { context: string; state: CommitState; creator: string },
  ): Promise<Delivery>;
}

export function checksTestApi(ctx: FakeContext, checks: ChecksState): ChecksTestApi {
  const { state, urls, sender } = ctx;
  const keyOf = (owner: string, repo: string) => {
    const record = state.repo(owner, repo);
    return { record, key: `${record.owner}/${record.name}`.toLowerCase() };
  };
  const required = (list: RequiredCheckInput[]) =>
    list.map((c) => ({ context: c.context, appId: c.app === undefined ? null : checks.app(c.app).id }));
  const envelope = (record: ReturnType<typeof keyOf>['record'], sender: string) => ({
    repository: repositoryShape(urls, record),
    sender: userShape(urls, sender),
    installation: { id: record.installationId, node_id: nodeId('IntegrationInstallation', record.installationId) },
  });

  return {
    registerApp: (slug) => checks.registerApp(slug).id,
    protectBranch(owner, repo, branch, list) {
      const { key } = keyOf(owner, repo);
      const byBranch = checks.protection.get(key) ?? new Map();
      byBranch.set(branch, required(list));
      checks.protection.set(key, byBranch);
    },
    addRuleset(owner, repo, input) {
      checks.addRuleset(keyOf(owner, repo).key, { branches: input.branches, checks: required(input.checks) });
    },
    async setCheckRun(owner, repo, sha, input) {
      const { record, key } = keyOf(owner, repo);
      const commit = state.mustResolve(record, sha);
      const app = checks.app(input.app);
      const status = input.status ?? (input.conclusion ? 'completed' : 'in_progress');
      const { run, created } = checks.upsertRun(key, {
        app,
        name: input.name,
        headSha: commit.sha,
        headBranch: [...record.branches].find(([, tip]) => tip === commit.sha)?.[0] ?? null,
        status,
        conclusion: status === 'completed' ? (input.conclusion ?? 'success') : null,
      });
      const from = `${app.slug}[bot]`;
      const sent = [
        await sender.send('check_run', {
          action: status === 'completed' ? 'completed' : created ? 'created' : 'rerequested',
          check_run: checkRunShape(urls, record, run),
          ...envelope(record, from),
        }),
      ];
      const suite = checks.runsOn(key, commit.sha).filter((r) => r.suiteId === run.suiteId);
      if (suite.every((r) => r.status === 'completed')) {
        sent.push(
          await sender.send('check_suite', {
            action: 'completed',
            check_suite: { ...checkSuiteShape(urls, record, suite), app: appShape(urls, app) },
            ...envelope(record, from),
          }),
        );
      }
      return sent;
    },
    async postCommitStatus(owner, repo, sha, input) {
      const { record } = keyOf(owner, repo);
      const commit = state.mustResolve(record, sha);
      const status = state.addCommitStatus(record, commit.sha, { state: input.state, context: input.context, creator: input.creator });
      return sender.send('status', statusPayload(ctx, record, commit.sha, status.id));
    },
  };
}

/** The `status` webhook for one commit status, with the keys GitHub sends. */
export function statusPayload(
  ctx: FakeContext,
  record: Parameters<typeof repositoryShape>[1],
  sha: string,
  statusId: number,
): Record<string, unknown> {
  const { urls, state } = ctx;
  const status = (record.statuses.get(sha) ?? []).find((s) => s.id === statusId)!;
  const commit = state.mustResolve(record, sha);
  return {
    id: status.id,
    sha,
    name: `${record.owner}/${record.name}`,
    target_url: status.targetUrl,
    avatar_url: null,
    context: status.context,
    description: status.description,
    state: status.state,
    commit: commitShape(urls, record, commit),
    branches: [...record.branches].filter(([, tip]) => tip === sha).map(([name]) => ({ name, commit: { sha, url: '' }, protected: false })),
    created_at: status.createdAt,
    updated_at: status.updatedAt,
    repository: repositoryShape(urls, record),
    sender: userShape(urls, status.creator),
    installation: { id: record.installationId, node_id: nodeId('IntegrationInstallation', record.installationId) },
  };
}
