import type { Adopter, AdopterFilter, Animal } from '../api-client.ts';
import { h } from '../dom.ts';
import { dataTable } from './data-table.ts';
import { routeHash } from '../router.ts';
import { exportButtons } from './export-buttons.ts';
import { filled, selectField, textField, submitForm } from './form-fields.ts';
import type { PageContext } from './page-context.ts';
import { statusLine } from './status-line.ts';

/** Search adopters (by text, on or off the black list), register one, file a request for an available animal. */
export async function adoptersPage(ctx: PageContext, filter: AdopterFilter): Promise<HTMLElement> {
  const [adopters, available] = await Promise.all([
    ctx.api.listAdopters(filter),
    ctx.can('animals.read') ? ctx.api.listAnimals({ status: 'available' }) : Promise.resolve([]),
  ]);
  const { element: message, run } = statusLine((notice) => ctx.go({ page: 'requests' }, notice));
  return h(
    'section',
    { class: 'card', id: 'adopters' },
    h('h2', {}, `Adopters (${adopters.length})`),
    adopterFilterForm(ctx, filter),
    exportButtons(ctx, 'adopters', filter),
    ctx.can('adopters.write') && registerForm(ctx),
    message,
    dataTable(
      ['Name', 'E-mail', 'Phone', 'Black listed', 'Adoption request'],
      adopters.map((a) =>
        h(
          'tr',
          { 'data-adopter-email': a.email },
          h('td', {}, h('a', { href: routeHash({ page: 'adopter', id: a.id }) }, a.name)),
          h('td', {}, a.email),
          h('td', {}, a.phone ?? '—'),
          h('td', {}, a.blackListed ? h('span', { class: 'badge rejected', title: a.blackListReason }, 'black listed') : 'no'),
          h('td', {}, ctx.can('adoptions.create') && !a.blackListed && available.length > 0 && requestForm(ctx, a, available, run)),
        ),
      ),
    ),
  );
}

function adopterFilterForm(ctx: PageContext, filter: AdopterFilter): HTMLElement {
  const q = textField('Search', 'q', filter.q ?? '', { type: 'search' });
  const listed = selectField(
    'Black list',
    'blackListed',
    [
      ['', 'everyone'],
      ['true', 'only black listed'],
      ['false', 'not black listed'],
    ],
    filter.blackListed ?? '',
  );
  return submitForm(
    { class: 'inline', id: 'adopter-filter', role: 'search' },
    () => {
      ctx.go({
        page: 'adopters',
        filter: { q: filled(q.input.value), blackListed: (listed.select.value || undefined) as AdopterFilter['blackListed'] },
      });
    },
    q.element,
    listed.element,
    h('button', { type: 'submit' }, 'Search'),
    h('a', { href: routeHash({ page: 'adopters', filter: {} }) }, 'Clear'),
  );
}

function registerForm(ctx: PageContext): HTMLElement {
  const { element: message, run } = statusLine(ctx.refresh);
  const name = textField('Name', 'name', '', { required: '' });
  const email = textField('E-mail', 'email', '', { type: 'email', required: '' });
  const phone = textField('Phone', 'phone');
  return submitForm(
    { class: 'inline', id: 'add-adopter' },
    () => {
      void run(async () => {
        const a = await ctx.api.createAdopter({
          name: name.input.value,
          email: email.input.value,
          ...(filled(phone.input.value) ? { phone: phone.input.value } : {}),
        });
        return `Registered ${a.name}.`;
      });
    },
    name.element,
    email.element,
    phone.element,
    h('button', { type: 'submit' }, 'Register adopter'),
    message,
  );
}

function requestForm(ctx: PageContext, adopter: Adopter, available: Animal[], run: (work: () => Promise<string>) => Promise<void>) {
  const animal = h(
    'select',
    { name: 'animal', 'aria-label': `Animal for ${adopter.name}` },
    ...available.map((a) => h('option', { value: a.id }, a.name)),
  );
  return submitForm(
    { class: 'inline' },
    () => {
      void run(async () => {
        const request = await ctx.api.fileAdoptionRequest(animal.value, adopter.id);
        return `Filed request ${request.id}: ${request.animalName} for ${request.adopterName}.`;
      });
    },
    animal,
    h('button', { type: 'submit' }, 'File request'),
  );
}
