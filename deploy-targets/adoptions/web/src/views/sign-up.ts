import { ApiError, type ApiClient } from '../api-client.ts';
import { h } from '../dom.ts';
import { refusalText } from './status-line.ts';

/** Asks for an account; an administrator accepts or rejects it, and the person gets an e-mail. */
export function signUpView(api: ApiClient): HTMLElement {
  const message = h('p', { role: 'status' });
  const name = h('input', { name: 'name', required: '', autocomplete: 'name' });
  const email = h('input', { type: 'email', name: 'email', required: '', autocomplete: 'email' });
  const password = h('input', { type: 'password', name: 'password', required: '', minlength: '10', autocomplete: 'new-password' });
  const button = h('button', { type: 'submit' }, 'Ask for an account');
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'card sign-up',
      onsubmit: async (event) => {
        event.preventDefault();
        message.textContent = '';
        message.className = '';
        button.setAttribute('disabled', '');
        try {
          await api.signUp({ name: name.value, email: email.value, password: password.value });
          form.reset();
          message.textContent = 'Thanks: an administrator will review your request, and you will get an e-mail.';
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          message.className = 'error';
          message.textContent = refusalText(e);
        } finally {
          button.removeAttribute('disabled');
        }
      },
    },
    h('h2', {}, 'New here?'),
    h('label', {}, 'Name', name),
    h('label', {}, 'E-mail', email),
    h('label', {}, 'Password (10 characters or more)', password),
    button,
    message,
  );
  return form;
}
