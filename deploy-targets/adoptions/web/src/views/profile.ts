import { h } from '../dom.ts';
import { textField, submitForm } from './form-fields.ts';
import type { PageContext } from './page-context.ts';
import { statusLine } from './status-line.ts';

/** One's own account: name and e-mail (the API e-mails a notice of the change), and the password. */
export function profilePage(ctx: PageContext, onProfileChanged: (notice: string) => Promise<void>): HTMLElement {
  const profile = statusLine((notice) => void onProfileChanged(notice));
  const name = textField('Name', 'name', ctx.account.name, { required: '', autocomplete: 'name' });
  const email = textField('E-mail', 'email', ctx.account.email, { type: 'email', required: '', autocomplete: 'email' });
  const password = statusLine(() => {});
  const current = textField('Current password', 'currentPassword', '', {
    type: 'password',
    required: '',
    autocomplete: 'current-password',
  });
  const next = textField('New password (10 characters or more)', 'newPassword', '', {
    type: 'password',
    required: '',
    minlength: '10',
    autocomplete: 'new-password',
  });
  const passwordForm: HTMLFormElement = submitForm(
    { class: 'grid', id: 'change-password' },
    () => {
      void password.run(async () => {
        await ctx.api.changePassword(current.input.value, next.input.value);
        passwordForm.reset();
        return 'Password changed; your other sessions were signed out.';
      });
    },
    current.element,
    next.element,
    h('button', { type: 'submit' }, 'Change password'),
    password.element,
  );
  return h(
    'div',
    { id: 'profile' },
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'My account'),
      h('p', {}, `Role: ${ctx.account.role}`),
      submitForm(
        { class: 'grid', id: 'edit-profile' },
        () => {
          void profile.run(async () => {
            const saved = await ctx.api.updateProfile({ name: name.input.value, email: email.input.value });
            if (!saved.changed.length) return 'Nothing changed.';
            return `Saved (${saved.changed.join(', ')})${saved.notified ? '; a notice was e-mailed' : ''}.`;
          });
        },
        name.element,
        email.element,
        h('button', { type: 'submit' }, 'Save profile'),
        profile.element,
      ),
    ),
    h('section', { class: 'card' }, h('h2', {}, 'Password'), passwordForm),
  );
}
