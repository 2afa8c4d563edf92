import type { ApiClient } from '../api-client.ts';
import { h } from '../dom.ts';
import { textField, submitForm } from './form-fields.ts';
import { statusLine } from './status-line.ts';

/** "Forgot your password?": the API e-mails a one-time code and a link to the reset page. */
export function forgotPasswordView(api: ApiClient): HTMLElement {
  const { element: message, run } = statusLine(() => {});
  const email = textField('E-mail', 'email', '', { type: 'email', required: '', autocomplete: 'email' });
  return submitForm(
    { class: 'card forgot-password' },
    () => {
      void run(
        async () => (await api.requestPasswordReset(email.input.value), 'If this e-mail has an account, a reset link is on its way.'),
      );
    },
    h('h2', {}, 'Forgot your password?'),
    email.element,
    h('button', { type: 'submit' }, 'E-mail me a reset link'),
    message,
  );
}

/** The page the e-mail links to (`#/reset-password?code=…`); the code can also be typed in. */
export function resetPasswordView(api: ApiClient, code: string): HTMLElement {
  const codeField = textField('Code from the e-mail', 'code', code, { required: '', autocomplete: 'one-time-code' });
  const password = textField('New password (10 characters or more)', 'newPassword', '', {
    type: 'password',
    required: '',
    minlength: '10',
    autocomplete: 'new-password',
  });
  const done = h('p', { hidden: '' }, 'Your password was changed. ', h('a', { href: '#/' }, 'Sign in'));
  const { element: message, run } = statusLine(() => done.removeAttribute('hidden'));
  return submitForm(
    { class: 'card reset-password' },
    () => {
      void run(async () => (await api.confirmPasswordReset(codeField.input.value.trim(), password.input.value), 'Done.'));
    },
    h('h2', {}, 'Choose a new password'),
    codeField.element,
    password.element,
    h('button', { type: 'submit' }, 'Set the new password'),
    message,
    done,
  );
}
