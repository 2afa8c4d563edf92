import type { Queryable } from './database.ts';
import { listDeploymentsWhere, type DeploymentRecord } from './deployments-store.ts';

/** One environment of one repository, as the home page shows it. */
export interface EnvironmentOverview {
  owner: string;
  repo: string;
  environment: string;
  installationId: number;
  /** The latest successful deployment: what is live. */
  live?: DeploymentRecord & { pullRequest: number | null };
  /** The deployment running now, and its current step. */
  running?: DeploymentRecord & { step: string | null };
  /** Deployments waiting in line. */
  waiting: number;
  lock?: { owner: string; reason: string | null; since: Date };
  /** The latest failed deployment, when it came after what is live. */
  lastFailure?: DeploymentRecord;
}

/**
 * Every environment Runway has deployed, with what is live, what runs, what waits, its lock and
 * its last failure. A handful of queries whatever the number of environments: each "latest per
 * environment" is one `DISTINCT ON` over the `(owner, repo, environment, id)` index.
 */
export async function environmentsOverview(db: Queryable, repositories?: readonly string[]): Promise<EnvironmentOverview[]> {
  const only = repositories ? [...repositories] : null;
  const latest = (states: string) =>
    listDeploymentsWhere(
      db,
      // The origin joined after DISTINCT ON: one lookup per environment, not per deployment.
      `SELECT l.*, CASE WHEN o.id IS NULL THEN NULL ELSE to_jsonb(o) END AS origin FROM (
         SELECT DISTINCT ON (owner, repo, environment) * FROM deployments
         WHERE state IN (${states}) AND ($1::text[] IS NULL OR owner || '/' || repo = ANY($1::text[]))
         ORDER BY owner, repo, environment, id DESC
       ) l LEFT JOIN deployment_origins o ON o.owner = l.owner AND o.repo = l.repo AND o.github_id = l.github_id`,
      [only],
    );
  const [live, running, failed, waiting, locks, prs, steps] = await Promise.all([
    latest(`'success'`),
    latest(`'in_progress'`),
    latest(`'failure', 'error'`),
    db.query<{ owner: string; repo: string; environment: string; n: number }>(
      `SELECT owner, repo, environment, count(*)::int AS n FROM deployments
       WHERE state = 'queued' AND ($1::text[] IS NULL OR owner || '/' || repo = ANY($1::text[])) GROUP BY owner, repo, environment`,
      [only],
    ),
    db.query<{ key: string; owner: string; reason: string | null; created_at: Date }>(
      'SELECT key, owner, reason, created_at FROM environment_locks',
    ),
    db.query<{ deployment_id: number; issue_number: number }>(
      `SELECT c.deployment_id, c.issue_number FROM deployment_comments c
       JOIN deployments d ON d.id = c.deployment_id WHERE d.state = 'success'`,
    ),
    db.query<{ deployment_id: number; name: string }>(
      `SELECT s.deployment_id, s.name FROM deployment_steps s JOIN deployments d ON d.id = s.deployment_id
       WHERE d.state = 'in_progress' AND s.state = 'running'`,
    ),
  ]);
  const byKey = new Map<string, EnvironmentOverview>();
  const entry = (d: { owner: string; repo: string; environment: string; installationId?: number }) => {
    const key = `${d.owner}/${d.repo}:${d.environment}`;
    let e = byKey.get(key);
    if (!e)
      byKey.set(key, (e = { owner: d.owner, repo: d.repo, environment: d.environment, installationId: d.installationId ?? 0, waiting: 0 }));
    if (d.installationId) e.installationId = d.installationId;
    return e;
  };
  const prOf = new Map(prs.map((r) => [Number(r.deployment_id), Number(r.issue_number)]));
  const stepOf = new Map(steps.map((r) => [Number(r.deployment_id), r.name]));
  // The PR whose conversation follows it, else the merged PR Runway recorded.
  const mergedPr = (d: DeploymentRecord) => (d.origin?.trigger === 'merge' ? d.origin.issueNumber : null);
  for (const d of live) entry(d).live = { ...d, pullRequest: prOf.get(d.id) ?? mergedPr(d) };
  for (const d of running) entry(d).running = { ...d, step: stepOf.get(d.id) ?? null };
  for (const d of failed) {
    const e = entry(d);
    if (!e.live || e.live.id < d.id) e.lastFailure = d;
  }
  for (const w of waiting) {
    const e = byKey.get(`${w.owner}/${w.repo}:${w.environment}`);
    if (e) e.waiting = Number(w.n);
  }
  for (const l of locks) {
    const e = byKey.get(l.key);
    if (e) e.lock = { owner: l.owner, reason: l.reason, since: new Date(l.created_at) };
  }
  return [...byKey.values()].sort((a, b) => `${a.owner}/${a.repo}:${a.environment}`.localeCompare(`${b.owner}/${b.repo}:${b.environment}`));
}

/** Each repository Runway has deployed (`owner/repo`) with the installation that deployed it last. */
export async function deployedRepositories(db: Queryable): Promise<{ owner: string; repo: string; installationId: number }[]> {
  const rows = await db.query<{ owner: string; repo: string; installation_id: string | number }>(
    'SELECT DISTINCT ON (owner, repo) owner, repo, installation_id FROM deployments ORDER BY owner, repo, id DESC',
  );
  return rows.map((r) => ({ owner: r.owner, repo: r.repo, installationId: Number(r.installation_id) }));
}
