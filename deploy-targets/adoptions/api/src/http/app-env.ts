import type { CurrentAccount } from '../auth/current-account.ts';

export type AppEnv = { Variables: { account: CurrentAccount; sessionId: string } };
