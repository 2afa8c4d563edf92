import type { AccountRow, PendingAccount } from '../api-client.ts';
import { h } from '../dom.ts';
import type { PageContext } from './page-context.ts';
import { statusLine } from './status-line.ts';

const roleSelect = (roles: string[], label: string, value?: string) =>
  h(
    'select',
    { name: 'role', 'aria-label': label },
    ...roles.map((r) => h('option', { value: r, ...(r === value ? { selected: '' } : {}) }, r)),
  );

/** For administrators: the sign-ups waiting for a decision, each with a role to grant or a rejection. */
export function pendingAccountsView(ctx: PageContext, accounts: PendingAccount[], roles: string[]): HTMLElement {
  const { element: message, run } = statusLine(ctx.refresh);
  return h(
    'section',
    { class: 'card', id: 'pending-accounts' },
    h('h2', {}, `Account requests (${accounts.length})`),
    message,
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'E-mail'), h('th', {}, 'Decide'))),
      h(
        'tbody',
        {},
        ...accounts.map((a) => {
          const role = roleSelect(roles, `Role for ${a.email}`, 'volunteer');
          return h(
            'tr',
            { 'data-account-email': a.email },
            h('td', {}, a.name),
            h('td', {}, a.email),
            h(
              'td',
              {},
              role,
              h(
                'button',
                {
                  type: 'button',
                  onclick: () => void run(async () => (await ctx.api.acceptAccount(a.id, role.value), `Accepted ${a.email}.`)),
                },
                'Accept',
              ),
              h(
                'button',
                { type: 'button', onclick: () => void run(async () => (await ctx.api.rejectAccount(a.id, ''), `Rejected ${a.email}.`)) },
                'Reject',
              ),
            ),
          );
        }),
      ),
    ),
  );
}

/** For administrators: every accepted account, with its role to change (the person is told by e-mail). */
export function accountRolesView(ctx: PageContext, accounts: AccountRow[], roles: string[]): HTMLElement {
  const { element: message, run } = statusLine(ctx.refresh);
  return h(
    'section',
    { class: 'card', id: 'accounts' },
    h('h2', {}, `Accounts (${accounts.length})`),
    message,
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'E-mail'), h('th', {}, 'Role'))),
      h(
        'tbody',
        {},
        ...accounts.map((a) => {
          const role = roleSelect(roles, `Role of ${a.email}`, a.role ?? undefined);
          const self = a.id === ctx.account.id;
          return h(
            'tr',
            { 'data-account-email': a.email },
            h('td', {}, a.name),
            h('td', {}, a.email),
            h(
              'td',
              {},
              self
                ? `${a.role ?? ''} (yours)`
                : h(
                    'span',
                    {},
                    role,
                    h(
                      'button',
                      {
                        type: 'button',
                        onclick: () =>
                          void run(async () => (await ctx.api.setAccountRole(a.id, role.value), `${a.email} is now ${role.value}.`)),
                      },
                      'Change role',
                    ),
                  ),
            ),
          );
        }),
      ),
    ),
  );
}
