import type { Animal } from '../api-client.ts';
import { h } from '../dom.ts';

export function animalsView(animals: Animal[]): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, `Animals (${animals.length})`),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Species'), h('th', {}, 'Breed'), h('th', {}, 'Status'), h('th', {}, 'Photos'))),
      h(
        'tbody',
        {},
        ...animals.map((a) =>
          h(
            'tr',
            { 'data-animal-id': a.id },
            h('td', {}, a.name),
            h('td', {}, a.species),
            h('td', {}, a.breed ?? '—'),
            h('td', {}, h('span', { class: `badge ${a.status}` }, a.status)),
            h('td', {}, String(a.photoCount)),
          ),
        ),
      ),
    ),
  );
}
