import { ApiError, type ApiClient, type PendingAccount } from '../api-client.ts';
import { h } from '../dom.ts';

/** For administrators: the sign-ups waiting for a decision, each with a role to grant or a rejection. */
export function pendingAccountsView(api: ApiClient, accounts: PendingAccount[], onChanged: () => void): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const decide = async (work: () => Promise<unknown>) => {
    error.textContent = '';
    try {
      await work();
      onChanged();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      error.textContent = e.message;
    }
  };
  return h(
    'section',
    { class: 'card', id: 'pending-accounts' },
    h('h2', {}, `Account requests (${accounts.length})`),
    error,
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'E-mail'), h('th', {}, 'Decide'))),
      h(
        'tbody',
        {},
        ...accounts.map((a) => {
          const role = h('select', { name: 'role', 'aria-label': `Role for ${a.email}` }, ...['volunteer', 'staff', 'admin'].map((r) => h('option', { value: r }, r)));
          return h(
            'tr',
            { 'data-account-email': a.email },
            h('td', {}, a.name),
            h('td', {}, a.email),
            h(
              'td',
              {},
              role,
              h('button', { type: 'button', onclick: () => void decide(() => api.acceptAccount(a.id, role.value)) }, 'Accept'),
              h('button', { type: 'button', onclick: () => void decide(() => api.rejectAccount(a.id, '')) }, 'Reject'),
            ),
          );
        }),
      ),
    ),
  );
}
