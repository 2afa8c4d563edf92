import type { CurrentAccount } from '../auth/current-account.ts';

/** The signed-in account as JSON: permissions as a sorted list. */
export const accountView = (account: CurrentAccount) => ({ ...account, permissions: [...account.permissions].sort() });
