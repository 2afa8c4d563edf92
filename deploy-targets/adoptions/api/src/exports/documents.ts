import type { Db } from '../db/pool.ts';
import type { ExportRequest } from '../schemas/exports.ts';

/** Every statement on the `documents` table (the generated-documents table the client agreed to). */
export const documentColumns = `id::text, subject, format, filter, state, size, row_count AS "rowCount", error,
  requested_by::text AS "requestedBy", created_at AS "createdAt", finished_at AS "finishedAt"`;

export type DocumentRow = {
  id: string;
  subject: ExportRequest['subject'];
  format: ExportRequest['format'];
  filter: ExportRequest['filter'];
  state: 'queued' | 'running' | 'ready' | 'failed';
  size: number | null;
  rowCount: number | null;
  error: string | null;
  requestedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
};

export async function enqueueDocument(db: Db, request: ExportRequest, accountId: string): Promise<DocumentRow> {
  const { rows } = await db.query<DocumentRow>(
    `INSERT INTO documents (subject, format, filter, requested_by) VALUES ($1, $2, $3, $4) RETURNING ${documentColumns}`,
    [request.subject, request.format, JSON.stringify(request.filter), accountId],
  );
  return rows[0]!;
}

export async function listDocuments(db: Db, accountId: string): Promise<DocumentRow[]> {
  const { rows } = await db.query<DocumentRow>(
    `SELECT ${documentColumns} FROM documents WHERE requested_by = $1 ORDER BY id DESC LIMIT 200`,
    [accountId],
  );
  return rows;
}

export async function findDocument(db: Db, id: string, accountId: string) {
  const { rows } = await db.query<DocumentRow & { storageKey: string | null }>(
    `SELECT ${documentColumns}, storage_key AS "storageKey" FROM documents WHERE id = $1 AND requested_by = $2`,
    [id, accountId],
  );
  return rows[0];
}

/** Takes the oldest queued document, so that two API processes never make the same one. */
export async function claimDocument(db: Db): Promise<DocumentRow | undefined> {
  const { rows } = await db.query<DocumentRow>(
    `UPDATE documents SET state = 'running', started_at = now()
      WHERE id = (SELECT id FROM documents WHERE state = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING ${documentColumns}`,
  );
  return rows[0];
}

export async function finishDocument(db: Db, id: string, made: { storageKey: string; size: number; rowCount: number }): Promise<void> {
  await db.query(
    `UPDATE documents SET state = 'ready', storage_key = $2, size = $3, row_count = $4, finished_at = now() WHERE id = $1 AND state = 'running'`,
    [id, made.storageKey, made.size, made.rowCount],
  );
}

export async function failDocument(db: Db, id: string, error: string): Promise<void> {
  await db.query(`UPDATE documents SET state = 'failed', error = $2, finished_at = now() WHERE id = $1 AND state = 'running'`, [id, error]);
}

/** Documents left running by a process that stopped (a dyno restart) go back to the queue. */
export async function requeueStale(db: Db, olderThanMinutes: number): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE documents SET state = 'queued', started_at = NULL
      WHERE state = 'running' AND started_at < now() - make_interval(mins => $1)`,
    [olderThanMinutes],
  );
  return rowCount ?? 0;
}
