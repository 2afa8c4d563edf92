import { segment, type Transport } from './http.ts';
import type { ExportSubject, GeneratedDocument } from './types.ts';

/** Exports run in the background; the generated-documents table lists them, with a link once ready. */
export const documentCalls = ({ call }: Transport) => ({
  exportDocument: (subject: ExportSubject, format: 'pdf' | 'xlsx', filter: Record<string, string> = {}) =>
    call<{ document: GeneratedDocument }>('POST', '/exports', { subject, format, filter }).then((r) => r.document),
  listDocuments: () => call<{ documents: GeneratedDocument[] }>('GET', '/documents').then((r) => r.documents),
  getDocument: (id: string) => call<{ document: GeneratedDocument }>('GET', `/documents/${segment(id)}`).then((r) => r.document),
});
