import type { Queryable } from './database.ts';

export interface LogLine {
  seq: number;
  at: Date;
  step: string | null;
  line: string;
}

export async function appendLogLines(db: Queryable, deploymentId: number, lines: LogLine[]): Promise<void> {
  if (lines.length === 0) return;
  const values: unknown[] = [];
  const tuples = lines.map((l, i) => {
    values.push(deploymentId, l.seq, l.at, l.step, l.line);
    const b = i * 5;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`;
  });
  await db.query(`INSERT INTO log_lines (deployment_id, seq, at, step, line) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`, values);
}

export async function readLogLines(db: Queryable, deploymentId: number, afterSeq = 0, limit = 5000): Promise<LogLine[]> {
  const rows = await db.query<{ seq: number; at: Date; step: string | null; line: string }>(
    'SELECT seq, at, step, line FROM log_lines WHERE deployment_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [deploymentId, afterSeq, limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), at: new Date(r.at), step: r.step, line: r.line }));
}

export async function lastLogSeq(db: Queryable, deploymentId: number): Promise<number> {
  const rows = await db.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM log_lines WHERE deployment_id = $1', [deploymentId]);
  return Number(rows[0]?.seq ?? 0);
}

/**
 * Drops the head of a deployment's log, for the log cap: every line before `firstKept - 1` goes and
 * the line at `firstKept - 1` becomes `marker`. Line numbers never change, so a live tail that asks
 * for the lines after the last one it saw never skips a line that is still kept.
 */
export async function dropLogHead(db: Queryable, deploymentId: number, firstKept: number, marker: string): Promise<void> {
  await db.query('DELETE FROM log_lines WHERE deployment_id = $1 AND seq < $2', [deploymentId, firstKept - 1]);
  await db.query(
    `INSERT INTO log_lines (deployment_id, seq, step, line) VALUES ($1, $2, NULL, $3)
     ON CONFLICT (deployment_id, seq) DO UPDATE SET line = EXCLUDED.line, step = NULL`,
    [deploymentId, firstKept - 1, marker],
  );
}

/** Deletes log lines written before `before`; returns how many. */
export async function purgeLogLines(db: Queryable, before: Date): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'WITH gone AS (DELETE FROM log_lines WHERE at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
    [before],
  );
  return Number(rows[0]?.n ?? 0);
}
