import type { Count, Statistics } from '../api-client.ts';
import { h } from '../dom.ts';
import type { PageContext } from './page-context.ts';

const sections: [keyof Omit<Statistics, 'total'>, string][] = [
  ['byStatus', 'By status'],
  ['bySpecies', 'By species'],
  ['bySex', 'By sex'],
  ['requestsByState', 'Adoption requests by state'],
  ['adoptionsByMonth', 'Adoptions completed by month'],
  ['events', 'Events recorded'],
];

/** The animal statistics: counts the API computes, each as a small table with a bar. */
export async function statisticsPage(ctx: PageContext): Promise<HTMLElement> {
  const stats = await ctx.api.animalStatistics();
  return h(
    'section',
    { class: 'card', id: 'statistics' },
    h('h2', {}, 'Statistics'),
    h('p', {}, 'Animals in the records: ', h('strong', { 'data-stat': 'total' }, String(stats.total))),
    h('div', { class: 'stats' }, ...sections.map(([key, title]) => countTable(key, title, stats[key]))),
  );
}

function countTable(key: string, title: string, counts: Count[]): HTMLElement {
  const most = Math.max(1, ...counts.map((c) => c.count));
  return h(
    'table',
    { 'data-stat': key },
    h('caption', {}, title),
    h(
      'tbody',
      {},
      ...(counts.length
        ? counts.map((c) =>
            h(
              'tr',
              { 'data-key': c.key },
              h('th', { scope: 'row' }, c.key.replace('_', ' ')),
              h('td', { class: 'count' }, String(c.count)),
              h('td', { class: 'bar-cell' }, h('span', { class: 'bar', style: `width: ${Math.round((100 * c.count) / most)}%` })),
            ),
          )
        : [h('tr', {}, h('td', {}, 'none yet'))]),
    ),
  );
}
