import { Hono } from 'hono';
import type { Env, FakeContext } from '../context.ts';
import { repoParams } from '../context.ts';
import { FakeHttpError } from '../http-error.ts';
import { paginate } from '../pagination.ts';
import type { ChecksState } from './checks-state.ts';
import { appShape, checkRunShape, checkSuiteShape, requiredChecksRuleShape } from './checks-shapes.ts';

/**
 * Required checks (branch protection, rulesets), check runs and suites of a commit, and other apps
 * by slug. Branch protection also shows in `GET /branches/{branch}` (routes/repos.ts reads it here).
 */
export function checksRoutes(ctx: FakeContext, checks: ChecksState): Hono<Env> {
  const app = new Hono<Env>();
  const { state, urls } = ctx;
  const repoOf = (c: Parameters<typeof repoParams>[0]) => {
    const { owner, repo } = repoParams(c);
    const record = state.repo(owner, repo);
    return { record, key: `${record.owner}/${record.name}`.toLowerCase() };
  };

  app.get('/apps/:slug', (c) => c.json(appShape(urls, checks.app(c.req.param('slug')))));

  app.get('/repos/:owner/:repo/branches/:branch{.+}/protection/required_status_checks', (c) => {
    const { record, key } = repoOf(c);
    const branch = c.req.param('branch');
    if (!record.branches.has(branch)) throw new FakeHttpError(404, 'Branch not found');
    const required = checks.requiredByProtection(key, branch);
    if (!required) throw new FakeHttpError(404, 'Required status checks not enabled');
    const url = `${urls.api}/repos/${record.owner}/${record.name}/branches/${branch}/protection/required_status_checks`;
    return c.json({
      url,
      strict: false,
      contexts: required.map((r) => r.context),
      contexts_url: `${url}/contexts`,
      checks: required.map((r) => ({ context: r.context, app_id: r.appId })),
    });
  });

  app.get('/repos/:owner/:repo/rules/branches/:branch{.+}', (c) => {
    const { record, key } = repoOf(c);
    const rules = checks.rulesetsFor(key, c.req.param('branch')).map((r) => requiredChecksRuleShape(record, r));
    return c.json(paginate(c, rules));
  });

  app.get('/repos/:owner/:repo/commits/:ref{.+}/check-runs', (c) => {
    const { record, key } = repoOf(c);
    const commit = state.mustResolve(record, c.req.param('ref'));
    const name = c.req.query('check_name');
    const runs = checks
      .runsOn(key, commit.sha)
      .filter((r) => name === undefined || r.name === name)
      .sort((a, b) => b.id - a.id);
    return c.json({ total_count: runs.length, check_runs: paginate(c, runs).map((r) => checkRunShape(urls, record, r)) });
  });

  app.get('/repos/:owner/:repo/commits/:ref{.+}/check-suites', (c) => {
    const { record, key } = repoOf(c);
    const commit = state.mustResolve(record, c.req.param('ref'));
    const bySuite = new Map<number, ReturnType<typeof checks.runsOn>>();
    for (const run of checks.runsOn(key, commit.sha)) bySuite.set(run.suiteId, [...(bySuite.get(run.suiteId) ?? []), run]);
    const suites = [...bySuite.values()].map((runs) => checkSuiteShape(urls, record, runs));
    return c.json({ total_count: suites.length, check_suites: paginate(c, suites) });
  });
  return app;
}
