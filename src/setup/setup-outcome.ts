import type { RegisteredApp } from './manifest-conversion.ts';

/** How a manifest callback ended, for the page and the terminal. */
export type SetupOutcome =
  | { kind: 'stored'; app: RegisteredApp; file: string }
  | { kind: 'not-stored'; app: RegisteredApp; file: string; why: string }
  | { kind: 'refused'; status: number }
  | { kind: 'unreachable'; message: string };
