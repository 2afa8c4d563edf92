import { h } from '../dom.ts';

/** A table with one header row; `rows` are the body's `<tr>`s. */
export function dataTable(headings: (string | false)[], rows: HTMLElement[], props: Record<string, string> = {}): HTMLElement {
  return h(
    'table',
    props,
    h('thead', {}, h('tr', {}, ...headings.map((text) => text !== false && h('th', {}, text)))),
    h('tbody', {}, ...rows),
  );
}
