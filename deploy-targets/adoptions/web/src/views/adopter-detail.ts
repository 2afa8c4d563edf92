import type { Adopter } from '../api-client.ts';
import { h } from '../dom.ts';
import { routeHash } from '../router.ts';
import { filled, textField, submitForm } from './form-fields.ts';
import type { PageContext } from './page-context.ts';
import { statusLine } from './status-line.ts';

/** One adopter: edit the details, and put them on or take them off the black list (with a reason). */
export async function adopterPage(ctx: PageContext, id: string): Promise<HTMLElement> {
  const adopter = await ctx.api.getAdopter(id);
  return h(
    'div',
    { id: 'adopter', 'data-adopter-id': adopter.id },
    h('p', {}, h('a', { href: routeHash({ page: 'adopters', filter: {} }) }, '← All adopters')),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, `${adopter.name} `, adopter.blackListed && h('span', { class: 'badge rejected' }, 'black listed')),
      ctx.can('adopters.write') ? editAdopterForm(ctx, adopter) : h('p', {}, `${adopter.email} · ${adopter.phone ?? 'no phone'}`),
    ),
    blackListView(ctx, adopter),
  );
}

function editAdopterForm(ctx: PageContext, a: Adopter): HTMLElement {
  const { element: message, run } = statusLine(ctx.refresh);
  const name = textField('Name', 'name', a.name, { required: '' });
  const email = textField('E-mail', 'email', a.email, { type: 'email', required: '' });
  const phone = textField('Phone', 'phone', a.phone ?? '');
  const address = textField('Address', 'address', a.address ?? '');
  const notes = h('textarea', { name: 'notes', rows: '3' }, a.notes);
  return submitForm(
    { class: 'grid', id: 'edit-adopter' },
    () => {
      void run(async () => {
        const saved = await ctx.api.updateAdopter(a.id, {
          name: name.input.value,
          email: email.input.value,
          phone: filled(phone.input.value) ?? null,
          address: filled(address.input.value) ?? null,
          notes: notes.value,
        });
        return `Saved ${saved.name}.`;
      });
    },
    name.element,
    email.element,
    phone.element,
    address.element,
    h('label', { class: 'wide' }, 'Notes', notes),
    h('button', { type: 'submit' }, 'Save adopter'),
    message,
  );
}

/** A listed adopter cannot file requests, and their open requests cannot be approved (the API enforces it). */
function blackListView(ctx: PageContext, a: Adopter): HTMLElement {
  const { element: message, run } = statusLine(ctx.refresh);
  const may = ctx.can('adopters.black_list');
  const reason = textField('Reason', 'reason', '', { required: '' });
  const body = a.blackListed
    ? [
        h('p', {}, 'On the black list: ', h('q', { class: 'reason' }, a.blackListReason)),
        may &&
          h(
            'button',
            {
              type: 'button',
              onclick: () => void run(async () => (await ctx.api.removeFromBlackList(a.id), `Took ${a.name} off the black list.`)),
            },
            'Remove from black list',
          ),
      ]
    : [
        h('p', {}, 'Not on the black list.'),
        may &&
          submitForm(
            { class: 'inline' },
            () => {
              void run(async () => (await ctx.api.blackList(a.id, reason.input.value), `Put ${a.name} on the black list.`));
            },
            reason.element,
            h('button', { type: 'submit' }, 'Add to black list'),
          ),
      ];
  return h('section', { class: 'card', id: 'black-list' }, h('h3', {}, 'Black list'), ...body, message);
}
