import type { Animal, AnimalEventKind, ApiClient } from '../api-client.ts';
import { h } from '../dom.ts';
import { statusLine } from './status-line.ts';

const eventKinds: AnimalEventKind[] = ['vaccination', 'vet_visit', 'deworming', 'sterilization', 'treatment', 'arrival', 'foster', 'return', 'other'];

/** Animals, a form to add one with a photo (staff), and a one-line form per animal to record an event. */
export function animalsView(api: ApiClient, animals: Animal[], permissions: string[], onChanged: () => void): HTMLElement {
  const canWrite = permissions.includes('animals.write');
  const { element: message, run: report } = statusLine(onChanged);

  const name = h('input', { name: 'name', required: '' });
  const species = h('input', { name: 'species', required: '' });
  const sex = h('select', { name: 'sex' }, ...['unknown', 'female', 'male'].map((s) => h('option', { value: s }, s)));
  const photo = h('input', { type: 'file', name: 'photo', accept: 'image/jpeg,image/png,image/webp,image/gif' });
  const addForm = h(
    'form',
    {
      class: 'inline',
      id: 'add-animal',
      onsubmit: (event) => {
        event.preventDefault();
        void report(async () => {
          const animal = await api.createAnimal({ name: name.value, species: species.value, sex: sex.value });
          const file = photo.files?.[0];
          if (file) await api.uploadPhoto(animal.id, file);
          return `Added ${animal.name}${file ? ' with a photo' : ''}.`;
        });
      },
    },
    h('label', {}, 'Name', name),
    h('label', {}, 'Species', species),
    h('label', {}, 'Sex', sex),
    h('label', {}, 'Photo', photo),
    h('button', { type: 'submit' }, 'Add animal'),
  );

  const eventForm = (a: Animal) => {
    const kind = h('select', { name: 'kind', 'aria-label': `Event for ${a.name}` }, ...eventKinds.map((k) => h('option', { value: k }, k.replace('_', ' '))));
    const day = h('input', { type: 'date', name: 'occurredOn', required: '', 'aria-label': `Date of the event for ${a.name}` });
    return h(
      'form',
      {
        class: 'inline',
        onsubmit: (event) => {
          event.preventDefault();
          void report(async () => {
            await api.recordEvent(a.id, { kind: kind.value as AnimalEventKind, occurredOn: day.value });
            return `Recorded ${kind.value.replace('_', ' ')} for ${a.name}.`;
          });
        },
      },
      kind,
      day,
      h('button', { type: 'submit' }, 'Record'),
    );
  };

  return h(
    'section',
    { class: 'card', id: 'animals' },
    h('h2', {}, `Animals (${animals.length})`),
    canWrite && addForm,
    message,
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Species'), h('th', {}, 'Breed'), h('th', {}, 'Status'), h('th', {}, 'Photos'), canWrite && h('th', {}, 'Event')),
      ),
      h(
        'tbody',
        {},
        ...animals.map((a) =>
          h(
            'tr',
            { 'data-animal-id': a.id, 'data-animal-name': a.name },
            h('td', {}, a.name),
            h('td', {}, a.species),
            h('td', {}, a.breed ?? '—'),
            h('td', {}, h('span', { class: `badge ${a.status}` }, a.status)),
            h('td', { class: 'photo-count' }, String(a.photoCount)),
            canWrite && h('td', {}, eventForm(a)),
          ),
        ),
      ),
    ),
  );
}
