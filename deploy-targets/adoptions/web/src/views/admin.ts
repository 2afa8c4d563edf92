import { h } from '../dom.ts';
import { accountRolesView, pendingAccountsView } from './accounts.ts';
import type { PageContext } from './page-context.ts';
import { rolesView } from './roles.ts';

/** Administration: sign-ups to decide and roles to assign (accounts.manage), roles and their permissions (roles.manage). */
export async function adminPage(ctx: PageContext): Promise<HTMLElement> {
  const manageAccounts = ctx.can('accounts.manage');
  const manageRoles = ctx.can('roles.manage');
  const [pending, accepted, roles] = await Promise.all([
    manageAccounts ? ctx.api.listAccounts('pending') : Promise.resolve([]),
    manageAccounts ? ctx.api.listAccounts('accepted') : Promise.resolve([]),
    manageRoles ? ctx.api.listRoles() : Promise.resolve(undefined),
  ]);
  // Without roles.manage the role names come from the accounts themselves, plus the built-in ones.
  const roleNames = roles
    ? roles.roles.map((r) => r.name)
    : [...new Set(['volunteer', 'staff', 'admin', ...accepted.map((a) => a.role ?? '').filter(Boolean)])];
  return h(
    'div',
    { id: 'admin' },
    manageAccounts && pendingAccountsView(ctx, pending, roleNames),
    manageAccounts && accountRolesView(ctx, accepted, roleNames),
    roles && rolesView(ctx, roles.roles, roles.permissions),
  );
}
