import { Hono } from 'hono';
import type { Db } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { body, idParam } from '../http/validate.ts';
import type { Permission } from '../auth/permissions.ts';
import { exportBody, type ExportSubject } from '../schemas/exports.ts';
import { enqueueDocument, findDocument, listDocuments } from '../exports/documents.ts';
import type { PhotoStorage } from '../storage/photo-storage.ts';

const readPermission: Record<ExportSubject, Permission> = {
  animals: 'animals.read',
  adopters: 'adopters.read',
  'adoption-requests': 'adoptions.read',
};

/**
 * Exports are queued (202) and made in the background; the generated-documents table lists each
 * person's documents, with a download link once ready. Mounted behind requireAuth.
 */
export function documentRoutes(db: Db, storage: PhotoStorage, onQueued: () => void) {
  const app = new Hono<AppEnv>();

  app.post('/exports', async (c) => {
    const request = await body(c, exportBody);
    const needed = readPermission[request.subject];
    if (!c.var.account.permissions.has(needed)) throw forbidden(`exporting ${request.subject} needs ${needed}`);
    const document = await enqueueDocument(db, request, c.var.account.id);
    onQueued();
    return c.json({ document }, 202);
  });

  app.get('/documents', async (c) => c.json({ documents: await listDocuments(db, c.var.account.id) }));

  app.get('/documents/:id', async (c) => {
    const found = await findDocument(db, idParam(c), c.var.account.id);
    if (!found) throw notFound('document');
    const { storageKey, ...document } = found;
    const fileName = `${document.subject}-${document.id}.${document.format}`;
    const downloadUrl = document.state === 'ready' && storageKey ? await storage.downloadUrl(storageKey, fileName) : null;
    return c.json({ document: { ...document, downloadUrl } });
  });

  return app;
}
