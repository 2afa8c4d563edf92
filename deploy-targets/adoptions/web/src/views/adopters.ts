import type { Adopter, Animal, ApiClient } from '../api-client.ts';
import { h } from '../dom.ts';
import { statusLine } from './status-line.ts';

/** Adopters: register one, and file an adoption request for an available animal. */
export function adoptersView(api: ApiClient, adopters: Adopter[], animals: Animal[], permissions: string[], onChanged: () => void): HTMLElement {
  const { element: message, run: report } = statusLine(onChanged);
  const name = h('input', { name: 'name', required: '' });
  const email = h('input', { type: 'email', name: 'email', required: '' });
  const register = h(
    'form',
    {
      class: 'inline',
      id: 'add-adopter',
      onsubmit: (event) => {
        event.preventDefault();
        void report(async () => `Registered ${(await api.createAdopter({ name: name.value, email: email.value })).name}.`);
      },
    },
    h('label', {}, 'Name', name),
    h('label', {}, 'E-mail', email),
    h('button', { type: 'submit' }, 'Register adopter'),
  );
  const available = animals.filter((a) => a.status === 'available');
  const requestForm = (adopter: Adopter) => {
    const animal = h('select', { name: 'animal', 'aria-label': `Animal for ${adopter.name}` }, ...available.map((a) => h('option', { value: a.id }, a.name)));
    return h(
      'form',
      {
        class: 'inline',
        onsubmit: (event) => {
          event.preventDefault();
          void report(async () => {
            const request = await api.fileAdoptionRequest(animal.value, adopter.id);
            return `Filed request ${request.id}: ${request.animalName} for ${request.adopterName}.`;
          });
        },
      },
      animal,
      h('button', { type: 'submit' }, 'File request'),
    );
  };
  return h(
    'section',
    { class: 'card', id: 'adopters' },
    h('h2', {}, `Adopters (${adopters.length})`),
    permissions.includes('adopters.write') && register,
    message,
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'E-mail'), h('th', {}, 'Black listed'), h('th', {}, 'Adoption request'))),
      h(
        'tbody',
        {},
        ...adopters.map((a) =>
          h(
            'tr',
            { 'data-adopter-email': a.email },
            h('td', {}, a.name),
            h('td', {}, a.email),
            h('td', {}, a.blackListed ? 'yes' : 'no'),
            h('td', {}, permissions.includes('adoptions.create') && !a.blackListed && available.length > 0 && requestForm(a)),
          ),
        ),
      ),
    ),
  );
}
