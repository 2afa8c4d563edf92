import type { AnimalDetail, AnimalStatus, Sex } from '../api-client.ts';
import { h } from '../dom.ts';
import { routeHash } from '../router.ts';
import { animalEventsView } from './animal-events.ts';
import { filled, selectField, textField, submitForm } from './form-fields.ts';
import type { PageContext } from './page-context.ts';
import { sexes } from './animals.ts';
import { statusLine } from './status-line.ts';

/** One animal: its photos in each size, its details (editable by staff) and its events. */
export async function animalPage(ctx: PageContext, id: string): Promise<HTMLElement> {
  const [animal, events] = await Promise.all([ctx.api.getAnimal(id), ctx.api.listEvents(id)]);
  return h(
    'div',
    { id: 'animal', 'data-animal-id': animal.id },
    h('p', {}, h('a', { href: routeHash({ page: 'animals', filter: {} }) }, '← All animals')),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, `${animal.name} `, h('span', { class: `badge ${animal.status}` }, animal.status)),
      ctx.can('animals.write') ? editAnimalForm(ctx, animal) : animalFacts(animal),
    ),
    photosView(ctx, animal),
    animalEventsView(ctx, animal, events),
  );
}

function animalFacts(a: AnimalDetail): HTMLElement {
  const row = (label: string, value: string) => [h('dt', {}, label), h('dd', {}, value)];
  return h(
    'dl',
    {},
    ...row('Species', a.species),
    ...row('Breed', a.breed ?? '—'),
    ...row('Sex', a.sex),
    ...row('Born', a.birthDate ?? '—'),
    ...row('Description', a.description || '—'),
  );
}

function editAnimalForm(ctx: PageContext, a: AnimalDetail): HTMLElement {
  const { element: message, run } = statusLine(ctx.refresh);
  const name = textField('Name', 'name', a.name, { required: '' });
  const species = textField('Species', 'species', a.species, { required: '' });
  const breed = textField('Breed', 'breed', a.breed ?? '');
  const sex = selectField('Sex', 'sex', sexes, a.sex);
  const born = textField('Born', 'birthDate', a.birthDate ?? '', { type: 'date' });
  const status = selectField(
    'Status',
    'status',
    ['available', 'reserved', 'adopted'].map((s) => [s, s]),
    a.status,
  );
  const description = h('textarea', { name: 'description', rows: '3' }, a.description);
  return submitForm(
    { class: 'grid', id: 'edit-animal' },
    () => {
      void run(async () => {
        const saved = await ctx.api.updateAnimal(a.id, {
          name: name.input.value,
          species: species.input.value,
          breed: filled(breed.input.value) ?? null,
          sex: sex.select.value as Sex,
          birthDate: filled(born.input.value) ?? null,
          status: status.select.value as AnimalStatus,
          description: description.value,
        });
        return `Saved ${saved.name}.`;
      });
    },
    name.element,
    species.element,
    breed.element,
    sex.element,
    born.element,
    status.element,
    h('label', { class: 'wide' }, 'Description', description),
    h('button', { type: 'submit' }, 'Save animal'),
    message,
  );
}

/** Each photo as its thumbnail, linking to the card and full sizes the API made. */
function photosView(ctx: PageContext, a: AnimalDetail): HTMLElement {
  const { element: message, run } = statusLine(ctx.refresh);
  const file = h('input', { type: 'file', name: 'photo', accept: 'image/jpeg,image/png,image/webp,image/gif' });
  const upload = submitForm(
    { class: 'inline', id: 'add-photo' },
    () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      void run(async () => `Added photo ${(await ctx.api.uploadPhoto(a.id, chosen)).id}.`);
    },
    h('label', {}, 'Photo', file),
    h('button', { type: 'submit' }, 'Upload photo'),
  );
  return h(
    'section',
    { class: 'card', id: 'photos' },
    h('h3', {}, `Photos (${a.photos.length})`),
    ctx.can('animals.write') && upload,
    message,
    h(
      'ul',
      { class: 'photos' },
      ...a.photos.map((p) => {
        const shown = p.sizes.thumb ?? p.sizes.card;
        return h(
          'li',
          { 'data-photo-id': p.id },
          h('img', {
            src: shown?.url ?? p.url,
            alt: `Photo ${p.id} of ${a.name}`,
            ...(shown ? { width: String(shown.width), height: String(shown.height) } : {}),
          }),
          h(
            'span',
            { class: 'sizes' },
            ...(['card', 'full'] as const).flatMap((size) => {
              const s = p.sizes[size];
              return s ? [h('a', { href: s.url, target: '_blank', rel: 'noopener' }, `${size} ${s.width}×${s.height}`), ' '] : [];
            }),
            h('a', { href: p.url, target: '_blank', rel: 'noopener' }, 'original'),
          ),
          ctx.can('animals.write') &&
            h(
              'button',
              {
                type: 'button',
                class: 'quiet',
                onclick: () => void run(async () => (await ctx.api.deletePhoto(a.id, p.id), `Removed photo ${p.id}.`)),
              },
              'Remove',
            ),
        );
      }),
    ),
  );
}
