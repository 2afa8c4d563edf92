import { ApiError, type ApiClient, type Session } from '../api-client.ts';
import { h } from '../dom.ts';

export function signInView(api: ApiClient, onSignedIn: (session: Session) => void): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const email = h('input', { type: 'email', name: 'email', required: '', autocomplete: 'username' });
  const password = h('input', { type: 'password', name: 'password', required: '', autocomplete: 'current-password' });
  const button = h('button', { type: 'submit' }, 'Sign in');
  return h(
    'form',
    {
      class: 'card sign-in',
      onsubmit: async (event) => {
        event.preventDefault();
        error.textContent = '';
        button.setAttribute('disabled', '');
        try {
          onSignedIn(await api.signIn(email.value, password.value));
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          error.textContent = e.message;
        } finally {
          button.removeAttribute('disabled');
        }
      },
    },
    h('h2', {}, 'Sign in'),
    h('label', {}, 'E-mail', email),
    h('label', {}, 'Password', password),
    button,
    error,
  );
}
