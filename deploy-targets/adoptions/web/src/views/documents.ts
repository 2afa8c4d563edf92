import type { ExportSubject, GeneratedDocument } from '../api-client.ts';
import { h } from '../dom.ts';
import { dataTable } from './data-table.ts';
import type { PageContext } from './page-context.ts';
import { statusLine } from './status-line.ts';

const subjects: [ExportSubject, string][] = [
  ['animals', 'Animals'],
  ['adopters', 'Adopters'],
  ['adoption-requests', 'Adoption requests'],
];

/**
 * Exports are made in the background (as agreed with the client): asking queues a document, and the
 * table of generated documents shows it, with a download link once it is ready. The list pages
 * export with their filters; here everything of one subject is exported.
 */
export async function documentsPage(ctx: PageContext): Promise<HTMLElement> {
  const documents = await ctx.api.listDocuments();
  const { element: message, run } = statusLine(ctx.refresh);
  const subject = h(
    'select',
    { name: 'subject', 'aria-label': 'What to export' },
    ...subjects.map(([v, l]) => h('option', { value: v }, l)),
  );
  const ask = (format: 'pdf' | 'xlsx') =>
    void run(async () => `Queued document ${(await ctx.api.exportDocument(subject.value as ExportSubject, format)).id}.`);
  const download = (doc: GeneratedDocument) =>
    void run(async () => {
      const found = await ctx.api.getDocument(doc.id);
      if (found.downloadUrl) window.location.assign(found.downloadUrl);
      return `Downloading document ${doc.id}.`;
    });
  const filterText = (d: GeneratedDocument) =>
    Object.entries(d.filter)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ') || 'all';
  return h(
    'section',
    { class: 'card', id: 'documents' },
    h('h2', {}, 'Generated documents'),
    h(
      'p',
      {},
      subject,
      h('button', { type: 'button', onclick: () => ask('pdf') }, 'Export PDF'),
      h('button', { type: 'button', onclick: () => ask('xlsx') }, 'Export Excel'),
      h('button', { type: 'button', onclick: () => ctx.refresh() }, 'Refresh'),
    ),
    message,
    dataTable(
      ['#', 'Of', 'Filter', 'Format', 'State', 'Rows', ''],
      documents.map((d) =>
        h(
          'tr',
          { 'data-document-id': d.id },
          h('td', {}, d.id),
          h('td', {}, d.subject),
          h('td', { class: 'filter' }, filterText(d)),
          h('td', {}, d.format.toUpperCase()),
          h('td', {}, h('span', { class: `badge ${d.state}` }, d.state), d.error ? ` ${d.error}` : ''),
          h('td', {}, d.rowCount === null ? '—' : String(d.rowCount)),
          h('td', {}, d.state === 'ready' ? h('button', { type: 'button', onclick: () => download(d) }, 'Download') : ''),
        ),
      ),
    ),
  );
}
