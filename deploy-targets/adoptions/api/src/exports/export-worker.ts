import type { Db } from '../db/pool.ts';
import type { Logger } from '../logger.ts';
import type { PhotoStorage } from '../storage/photo-storage.ts';
import { exportBody, type ExportFormat } from '../schemas/exports.ts';
import { claimDocument, failDocument, finishDocument, requeueStale, type DocumentRow } from './documents.ts';
import { loadExportTable } from './export-table.ts';
import { renderPdf } from './render-pdf.ts';
import { renderXlsx } from './render-xlsx.ts';

export type ExportWorker = {
  /** A document was queued: make it now rather than at the next poll. */
  kick(): void;
  /** Stops polling and waits for the document in hand. */
  stop(): Promise<void>;
};

const contentTypes: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Makes queued documents in the background, one at a time, in the API process (the spec's answer to
 * a web server that must keep serving while files are generated). Polling picks up documents queued
 * by another process or left by a restart.
 */
export function startExportWorker(deps: { db: Db; storage: PhotoStorage; logger: Logger; pollMs?: number }): ExportWorker {
  const { db, storage, logger } = deps;
  let draining: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function make(document: DocumentRow): Promise<void> {
    try {
      // The filter was validated when queued; parsing again keeps a hand-edited row from doing harm.
      const request = exportBody.parse({ subject: document.subject, format: document.format, filter: document.filter });
      const generatedAt = new Date();
      const table = await loadExportTable(db, request);
      const bytes = request.format === 'pdf' ? await renderPdf(table, generatedAt) : await renderXlsx(table, generatedAt);
      const storageKey = `documents/${document.id}-${document.subject}.${document.format}`;
      await storage.save(storageKey, bytes, contentTypes[request.format]);
      await finishDocument(db, document.id, { storageKey, size: bytes.length, rowCount: table.rows.length });
      logger.info('document ready', { id: document.id, subject: document.subject, format: document.format, rows: table.rows.length });
    } catch (error) {
      logger.error('document failed', { id: document.id, error: (error as Error).message });
      await failDocument(db, document.id, 'the document could not be made; ask again or tell an administrator');
    }
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      for (let document = await claimDocument(db); document && !stopped; document = await claimDocument(db)) {
        await make(document);
      }
    } while (again && !stopped);
  }

  function kick(): void {
    if (stopped) return;
    if (draining) {
      again = true;
      return;
    }
    draining = drain()
      .catch((error: Error) => logger.error('export worker failed', { error: error.message }))
      .finally(() => {
        draining = undefined;
      });
  }

  const starting = requeueStale(db, 10)
    .catch((error: Error) => logger.error('requeue of stale documents failed', { error: error.message }))
    .finally(kick);
  const timer = setInterval(kick, deps.pollMs ?? 5_000);
  timer.unref();

  return {
    kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await starting;
      await draining;
    },
  };
}
