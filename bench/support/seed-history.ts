import { seedDeployments, type SeededDeployment } from '../../sandbox/seed-deployments.ts';
import type { Queryable } from '../../src/store/database.ts';

/**
 * History for the idle-memory bench: `deployments` finished deployments over the last 14 days (inside
 * the default retention, so the purge keeps them), across 20 repositories and 3 environments, each
 * with `linesPerDeployment` log lines of ~80 characters and the delivery that started it.
 */
export async function seedHistory(db: Queryable, deployments: number, linesPerDeployment: number): Promise<void> {
  const now = Date.now();
  const span = 14 * 86_400_000;
  const rows: SeededDeployment[] = Array.from({ length: deployments }, (_, i) => {
    const createdAt = new Date(now - span + (i * span) / deployments);
    return {
      owner: 'bench',
      repo: `service-${i % 20}`,
      environment: ['production', 'staging', 'preview'][Math.floor(i / 20) % 3]!,
      state: i % 10 === 9 ? 'failure' : 'inactive',
      creator: `dev-${i % 23}`,
      createdAt,
      firstCommitAt: new Date(createdAt.getTime() - 3_600_000),
      finishedAt: new Date(createdAt.getTime() + 90_000),
    };
  });
  const ids = await seedDeployments(db, rows);
  // One statement per 100 deployments keeps each insert's parameters small.
  for (let i = 0; i < ids.length; i += 100) {
    await db.query(
      `INSERT INTO log_lines (deployment_id, seq, at, step, line)
       SELECT d.id, s.seq, d.created_at + s.seq * interval '100 milliseconds', 'backend',
              'line ' || s.seq || ' of deployment ' || d.id || ': ' || repeat('x', 60)
       FROM deployments d CROSS JOIN generate_series(1, $2::int) AS s(seq)
       WHERE d.id = ANY($1::int[])`,
      [ids.slice(i, i + 100), linesPerDeployment],
    );
  }
  await db.query(
    `INSERT INTO deliveries (id, event, received_at)
     SELECT 'seeded-' || d.id, 'deployment', d.created_at FROM deployments d WHERE d.id = ANY($1::int[])`,
    [ids],
  );
}
