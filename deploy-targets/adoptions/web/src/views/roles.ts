import type { Role } from '../api-client.ts';
import { h } from '../dom.ts';
import { textField, submitForm } from './form-fields.ts';
import type { PageContext } from './page-context.ts';
import { statusLine } from './status-line.ts';

/** For administrators: each role's permissions as checkboxes, a new role, and deleting an unused one. */
export function rolesView(ctx: PageContext, roles: Role[], permissions: string[]): HTMLElement {
  const { element: message, run } = statusLine(ctx.refresh);
  const checkboxes = (role: string, granted: string[]) =>
    permissions.map((p) =>
      h(
        'label',
        { class: 'check' },
        h('input', {
          type: 'checkbox',
          name: 'permission',
          value: p,
          ...(granted.includes(p) ? { checked: '' } : {}),
          'aria-label': `${role}: ${p}`,
        }),
        p,
      ),
    );
  const chosen = (form: HTMLFormElement) =>
    [...form.querySelectorAll<HTMLInputElement>('input[name=permission]')].filter((c) => c.checked).map((c) => c.value);

  const roleForm = (role: Role) => {
    const description = textField('Description', 'description', role.description);
    const form: HTMLFormElement = submitForm(
      { class: 'role', 'data-role': role.name },
      () => {
        void run(
          async () => (
            await ctx.api.saveRole(role.name, { description: description.input.value, permissions: chosen(form) }),
            `Saved the ${role.name} role.`
          ),
        );
      },
      h('h3', {}, role.name, h('small', {}, ` · ${role.accounts} account${role.accounts === 1 ? '' : 's'}`)),
      description.element,
      h('fieldset', {}, h('legend', {}, 'Permissions'), ...checkboxes(role.name, role.permissions)),
      h('button', { type: 'submit' }, 'Save role'),
      role.accounts === 0 &&
        h(
          'button',
          {
            type: 'button',
            class: 'quiet',
            onclick: () => void run(async () => (await ctx.api.deleteRole(role.name), `Deleted the ${role.name} role.`)),
          },
          'Delete role',
        ),
    );
    return form;
  };

  const name = textField('Name', 'name', '', {
    required: '',
    pattern: '[a-z][a-z0-9_-]{1,39}',
    title: 'lowercase letters, digits, _ and -',
  });
  const description = textField('Description', 'description');
  const create: HTMLFormElement = submitForm(
    { class: 'role', id: 'new-role' },
    () => {
      void run(
        async () => (
          await ctx.api.saveRole(name.input.value, { description: description.input.value, permissions: chosen(create) }),
          `Created the ${name.input.value} role.`
        ),
      );
    },
    h('h3', {}, 'New role'),
    name.element,
    description.element,
    h('fieldset', {}, h('legend', {}, 'Permissions'), ...checkboxes('new role', [])),
    h('button', { type: 'submit' }, 'Create role'),
  );
  return h('section', { class: 'card', id: 'roles' }, h('h2', {}, 'Roles and permissions'), message, ...roles.map(roleForm), create);
}
