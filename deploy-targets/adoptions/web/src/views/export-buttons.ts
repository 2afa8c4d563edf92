import type { ExportSubject } from '../api-client.ts';
import { h } from '../dom.ts';
import type { PageContext } from './page-context.ts';
import { statusLine } from './status-line.ts';

/** "Export these" as PDF or Excel with the list's current filter; the document then appears on the documents page. */
export function exportButtons(ctx: PageContext, subject: ExportSubject, filter: Record<string, string | undefined>): HTMLElement {
  const { element: message, run } = statusLine((notice) => ctx.go({ page: 'documents' }, notice));
  const set = Object.fromEntries(Object.entries(filter).filter((e): e is [string, string] => !!e[1]));
  const ask = (format: 'pdf' | 'xlsx') =>
    void run(async () => `Queued document ${(await ctx.api.exportDocument(subject, format, set)).id}.`);
  return h(
    'p',
    { class: 'export' },
    h('button', { type: 'button', onclick: () => ask('pdf') }, 'Export these as PDF'),
    h('button', { type: 'button', onclick: () => ask('xlsx') }, 'Export these as Excel'),
    message,
  );
}
