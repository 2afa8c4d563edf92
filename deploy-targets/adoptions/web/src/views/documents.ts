import { ApiError, type ApiClient, type ExportSubject, type GeneratedDocument } from '../api-client.ts';
import { h } from '../dom.ts';

const subjects: [ExportSubject, string][] = [
  ['animals', 'Animals'],
  ['adopters', 'Adopters'],
  ['adoption-requests', 'Adoption requests'],
];

/**
 * Exports are made in the background (as agreed with the client): asking queues a document, and the
 * table of generated documents shows it, with a download link once it is ready.
 */
export function documentsView(api: ApiClient, documents: GeneratedDocument[], onChanged: () => void): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const subject = h('select', { name: 'subject', 'aria-label': 'What to export' }, ...subjects.map(([v, l]) => h('option', { value: v }, l)));
  const ask = async (format: 'pdf' | 'xlsx') => {
    error.textContent = '';
    try {
      await api.exportDocument(subject.value as ExportSubject, format);
      onChanged();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      error.textContent = e.message;
    }
  };
  const download = async (doc: GeneratedDocument) => {
    const found = await api.getDocument(doc.id);
    if (found.downloadUrl) window.location.assign(found.downloadUrl);
  };
  return h(
    'section',
    { class: 'card', id: 'documents' },
    h('h2', {}, 'Generated documents'),
    h(
      'p',
      {},
      subject,
      h('button', { type: 'button', onclick: () => void ask('pdf') }, 'Export PDF'),
      h('button', { type: 'button', onclick: () => void ask('xlsx') }, 'Export Excel'),
      h('button', { type: 'button', onclick: onChanged }, 'Refresh'),
    ),
    error,
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'Of'), h('th', {}, 'Format'), h('th', {}, 'State'), h('th', {}, 'Rows'), h('th', {}, ''))),
      h(
        'tbody',
        {},
        ...documents.map((d) =>
          h(
            'tr',
            { 'data-document-id': d.id },
            h('td', {}, d.id),
            h('td', {}, d.subject),
            h('td', {}, d.format.toUpperCase()),
            h('td', {}, h('span', { class: `badge ${d.state}` }, d.state), d.error ? ` ${d.error}` : ''),
            h('td', {}, d.rowCount === null ? '—' : String(d.rowCount)),
            h('td', {}, d.state === 'ready' ? h('button', { type: 'button', onclick: () => void download(d) }, 'Download') : ''),
          ),
        ),
      ),
    ),
  );
}
