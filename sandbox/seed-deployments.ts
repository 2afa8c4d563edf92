import type { Queryable } from '../src/store/database.ts';

export interface SeededDeployment {
  owner: string;
  repo: string;
  environment: string;
  state: 'success' | 'failure' | 'error' | 'inactive' | 'queued' | 'in_progress';
  creator?: string;
  task?: string;
  createdAt: Date;
  finishedAt?: Date;
  sha?: string;
  /** Seeds Runway's deployment of a merged pull request whose first commit was at this time. */
  firstCommitAt?: Date;
  /** The repository's GitHub App installation (default 1), for pages that ask GitHub who may read it. */
  installationId?: number;
  /** Seeds Runway's deployment for a command with this purpose (a merge's is `deploy`). */
  purpose?: 'deploy' | 'redeploy' | 'rollback';
}

const GITHUB_IDS_FROM = 900_000_000;

/**
 * Writes finished deployments straight into the store, for pages and figures that read history
 * (the history page's paging, the metrics, the benchmark), with the origin Runway records when it
 * created one (`firstCommitAt`: a merge, with the payload Runway writes; `purpose`: a command).
 * Returns their ids in the given order.
 */
export async function seedDeployments(db: Queryable, deployments: SeededDeployment[]): Promise<number[]> {
  const ids: number[] = [];
  const origins: { d: SeededDeployment; githubId: number }[] = [];
  for (let i = 0; i < deployments.length; i += 500) {
    const chunk = deployments.slice(i, i + 500);
    const values: unknown[] = [];
    const tuples = chunk.map((d, j) => {
      const n = i + j;
      const payload = d.firstCommitAt ? { runway: { trigger: 'merge', first_commit_at: d.firstCommitAt.toISOString() } } : {};
      values.push(
        GITHUB_IDS_FROM + n,
        d.installationId ?? 1,
        d.owner,
        d.repo,
        d.environment,
        d.sha ?? n.toString(16).padStart(40, '0'),
        d.task ?? 'deploy',
        d.creator ?? null,
        d.state,
        d.createdAt,
        d.finishedAt ?? null,
        JSON.stringify(payload),
      );
      if (d.firstCommitAt || d.purpose) origins.push({ d, githubId: GITHUB_IDS_FROM + n });
      const b = j * 12;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, 'main', $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10}, $${b + 10}, $${b + 11}, $${b + 12}::jsonb)`;
    });
    const rows = await db.query<{ id: number }>(
      `INSERT INTO deployments (github_id, installation_id, owner, repo, environment, sha, ref, task, creator, state, created_at, started_at, finished_at, payload)
       VALUES ${tuples.join(', ')} RETURNING id`,
      values,
    );
    ids.push(...rows.map((r) => Number(r.id)));
  }
  if (origins.length > 0) {
    const column = <T>(f: (o: (typeof origins)[number]) => T) => origins.map(f);
    await db.query(
      `INSERT INTO deployment_origins (owner, repo, environment, github_id, trigger, purpose, actor, issue_number, actor_type)
       SELECT *, 'User' FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::int[])`,
      [
        column((o) => o.d.owner),
        column((o) => o.d.repo),
        column((o) => o.d.environment),
        column((o) => o.githubId),
        column((o) => (o.d.firstCommitAt ? 'merge' : 'command')),
        column((o) => o.d.purpose ?? 'deploy'),
        column((o) => o.d.creator ?? 'seed'),
        column((o) => (o.d.firstCommitAt ? 1 : null)),
      ],
    );
  }
  return ids;
}
