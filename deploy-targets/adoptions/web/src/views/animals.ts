import type { Animal, AnimalFilter, Sex } from '../api-client.ts';
import { h } from '../dom.ts';
import { dataTable } from './data-table.ts';
import { routeHash } from '../router.ts';
import { exportButtons } from './export-buttons.ts';
import { filled, selectField, textField, submitForm } from './form-fields.ts';
import type { PageContext } from './page-context.ts';
import { statusLine } from './status-line.ts';

const statuses: [string, string][] = [
  ['', 'any'],
  ['available', 'available'],
  ['reserved', 'reserved'],
  ['adopted', 'adopted'],
];
export const sexes: [Sex, string][] = [
  ['unknown', 'unknown'],
  ['female', 'female'],
  ['male', 'male'],
];

/** Search and filter the animals (the filter is in the URL), export what is shown, add one with a photo. */
export async function animalsPage(ctx: PageContext, filter: AnimalFilter): Promise<HTMLElement> {
  const animals = await ctx.api.listAnimals(filter);
  return h(
    'section',
    { class: 'card', id: 'animals' },
    h('h2', {}, `Animals (${animals.length})`),
    animalFilterForm(ctx, filter),
    exportButtons(ctx, 'animals', filter),
    ctx.can('animals.write') && addAnimalForm(ctx),
    animalTable(animals),
  );
}

function animalFilterForm(ctx: PageContext, filter: AnimalFilter): HTMLElement {
  const q = textField('Search', 'q', filter.q ?? '', { type: 'search' });
  const species = textField('Species', 'species', filter.species ?? '');
  const status = selectField('Status', 'status', statuses, filter.status ?? '');
  const sex = selectField('Sex', 'sex', [['', 'any'], ...sexes], filter.sex ?? '');
  return submitForm(
    { class: 'inline', id: 'animal-filter', role: 'search' },
    () => {
      ctx.go({
        page: 'animals',
        filter: {
          q: filled(q.input.value),
          species: filled(species.input.value),
          status: (status.select.value || undefined) as AnimalFilter['status'],
          sex: (sex.select.value || undefined) as AnimalFilter['sex'],
        },
      });
    },
    q.element,
    species.element,
    status.element,
    sex.element,
    h('button', { type: 'submit' }, 'Filter'),
    h('a', { href: routeHash({ page: 'animals', filter: {} }) }, 'Clear'),
  );
}

function addAnimalForm(ctx: PageContext): HTMLElement {
  const { element: message, run } = statusLine(ctx.refresh);
  const name = textField('Name', 'name', '', { required: '' });
  const species = textField('Species', 'species', '', { required: '' });
  const sex = selectField('Sex', 'sex', sexes);
  const photo = h('input', { type: 'file', name: 'photo', accept: 'image/jpeg,image/png,image/webp,image/gif' });
  return submitForm(
    { class: 'inline', id: 'add-animal' },
    () => {
      void run(async () => {
        const animal = await ctx.api.createAnimal({ name: name.input.value, species: species.input.value, sex: sex.select.value as Sex });
        const file = photo.files?.[0];
        if (file) await ctx.api.uploadPhoto(animal.id, file);
        return `Added ${animal.name}${file ? ' with a photo' : ''}.`;
      });
    },
    name.element,
    species.element,
    sex.element,
    h('label', {}, 'Photo', photo),
    h('button', { type: 'submit' }, 'Add animal'),
    message,
  );
}

function animalTable(animals: Animal[]): HTMLElement {
  return dataTable(
    ['Name', 'Species', 'Breed', 'Sex', 'Status', 'Photos'],
    animals.map((a) =>
      h(
        'tr',
        { 'data-animal-id': a.id, 'data-animal-name': a.name },
        h('td', {}, h('a', { href: routeHash({ page: 'animal', id: a.id }) }, a.name)),
        h('td', {}, a.species),
        h('td', {}, a.breed ?? '—'),
        h('td', {}, a.sex),
        h('td', {}, h('span', { class: `badge ${a.status}` }, a.status)),
        h('td', { class: 'photo-count' }, String(a.photoCount)),
      ),
    ),
  );
}
