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
}

/**
 * Writes finished deployments straight into the store, for pages and figures that read history
 * (the history page's paging, the metrics, the benchmark). Returns their ids in the given order.
 */
export async function seedDeployments(db: Queryable, deployments: SeededDeployment[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < deployments.length; i += 500) {
    const chunk = deployments.slice(i, i + 500);
    const values: unknown[] = [];
    const tuples = chunk.map((d, j) => {
      const n = i + j;
      values.push(
        900_000_000 + n,
        1,
        d.owner,
        d.repo,
        d.environment,
        d.sha ?? n.toString(16).padStart(40, '0'),
        d.task ?? 'deploy',
        d.creator ?? null,
        d.state,
        d.createdAt,
        d.finishedAt ?? null,
      );
      const b = j * 11;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, 'main', $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10}, $${b + 10}, $${b + 11})`;
    });
    const rows = await db.query<{ id: number }>(
      `INSERT INTO deployments (github_id, installation_id, owner, repo, environment, sha, ref, task, creator, state, created_at, started_at, finished_at)
       VALUES ${tuples.join(', ')} RETURNING id`,
      values,
    );
    ids.push(...rows.map((r) => Number(r.id)));
  }
  return ids;
}
