import type { AccountRow } from '../api-client.ts';
import { h } from '../dom.ts';
import { dataTable } from './data-table.ts';
import type { PageContext } from './page-context.ts';
import { statusLine } from './status-line.ts';

type Run = (work: () => Promise<string>) => Promise<void>;
type Section = { id: string; title: string; actionHeading: string; action: (a: AccountRow, run: Run) => Node | string };

const roleSelect = (roles: string[], label: string, value?: string) =>
  h(
    'select',
    { name: 'role', 'aria-label': label },
    ...roles.map((r) => h('option', { value: r, ...(r === value ? { selected: '' } : {}) }, r)),
  );

const button = (text: string, run: Run, work: () => Promise<string>) =>
  h('button', { type: 'button', onclick: () => void run(work) }, text);

/** A card listing accounts by name and e-mail, with one cell of actions each. */
function accountsSection(ctx: PageContext, accounts: AccountRow[], section: Section): HTMLElement {
  const { element: message, run } = statusLine(ctx.refresh);
  return h(
    'section',
    { class: 'card', id: section.id },
    h('h2', {}, `${section.title} (${accounts.length})`),
    message,
    dataTable(
      ['Name', 'E-mail', section.actionHeading],
      accounts.map((a) =>
        h('tr', { 'data-account-email': a.email }, h('td', {}, a.name), h('td', {}, a.email), h('td', {}, section.action(a, run))),
      ),
    ),
  );
}

/** For administrators: the sign-ups waiting for a decision, each with a role to grant or a rejection. */
export function pendingAccountsView(ctx: PageContext, accounts: AccountRow[], roles: string[]): HTMLElement {
  return accountsSection(ctx, accounts, {
    id: 'pending-accounts',
    title: 'Account requests',
    actionHeading: 'Decide',
    action: (a, run) => {
      const role = roleSelect(roles, `Role for ${a.email}`, 'volunteer');
      return h(
        'span',
        {},
        role,
        button('Accept', run, async () => (await ctx.api.acceptAccount(a.id, role.value), `Accepted ${a.email}.`)),
        button('Reject', run, async () => (await ctx.api.rejectAccount(a.id, ''), `Rejected ${a.email}.`)),
      );
    },
  });
}

/** For administrators: every accepted account, with its role to change (the person is told by e-mail). */
export function accountRolesView(ctx: PageContext, accounts: AccountRow[], roles: string[]): HTMLElement {
  return accountsSection(ctx, accounts, {
    id: 'accounts',
    title: 'Accounts',
    actionHeading: 'Role',
    action: (a, run) => {
      // An administrator cannot change their own role (the API refuses it too).
      if (a.id === ctx.account.id) return `${a.role ?? ''} (yours)`;
      const role = roleSelect(roles, `Role of ${a.email}`, a.role ?? undefined);
      return h(
        'span',
        {},
        role,
        button('Change role', run, async () => (await ctx.api.setAccountRole(a.id, role.value), `${a.email} is now ${role.value}.`)),
      );
    },
  });
}
