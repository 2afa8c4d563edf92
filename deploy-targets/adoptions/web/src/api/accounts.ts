import { queryString, segment, type Transport } from './http.ts';
import type { Account, AccountRow, Role, Session } from './types.ts';

/** Sign-up, sessions, one's own profile, password resets; administrators: accounts and roles. */
export const accountCalls = ({ call }: Transport) => ({
  signIn: (email: string, password: string) => call<Session>('POST', '/sessions', { email, password }),
  signUp: (input: { email: string; name: string; password: string }) =>
    call<{ account: AccountRow }>('POST', '/accounts', input).then((r) => r.account),
  signOut: () => call<undefined>('DELETE', '/sessions/current'),
  me: () => call<{ account: Account }>('GET', '/me').then((r) => r.account),
  updateProfile: (patch: { name?: string; email?: string }) =>
    call<{ account: Account; changed: string[]; notified: boolean }>('PATCH', '/me', patch),
  changePassword: (currentPassword: string, newPassword: string) =>
    call<undefined>('PUT', '/me/password', { currentPassword, newPassword }),
  requestPasswordReset: (email: string) => call<{ message: string }>('POST', '/password-resets', { email }),
  confirmPasswordReset: (code: string, newPassword: string) => call<undefined>('POST', '/password-resets/confirm', { code, newPassword }),

  listAccounts: (status?: AccountRow['status']) =>
    call<{ accounts: AccountRow[] }>('GET', `/accounts${queryString({ status })}`).then((r) => r.accounts),
  listPendingAccounts: () => call<{ accounts: AccountRow[] }>('GET', '/accounts?status=pending').then((r) => r.accounts),
  acceptAccount: (id: string, role: string) =>
    call<{ account: AccountRow }>('POST', `/accounts/${segment(id)}/accept`, { role }).then((r) => r.account),
  rejectAccount: (id: string, note: string) =>
    call<{ account: AccountRow }>('POST', `/accounts/${segment(id)}/reject`, { note }).then((r) => r.account),
  setAccountRole: (id: string, role: string) =>
    call<{ account: AccountRow }>('PUT', `/accounts/${segment(id)}/role`, { role }).then((r) => r.account),

  listRoles: () => call<{ roles: Role[]; permissions: string[] }>('GET', '/roles'),
  saveRole: (name: string, input: { description: string; permissions: string[] }) =>
    call<{ role: Omit<Role, 'accounts'> }>('PUT', `/roles/${segment(name)}`, input).then((r) => r.role),
  deleteRole: (name: string) => call<undefined>('DELETE', `/roles/${segment(name)}`),
});
