import type { SandboxRun } from '../sandbox/sandbox-run.ts';

/** Messages between Runway and its command launcher process (over Node's IPC channel). */
export type ToLauncher =
  | { type: 'run'; id: number; command: string; cwd: string; env: Record<string, string>; sandbox?: SandboxRun }
  | { type: 'kill'; id: number; signal: NodeJS.Signals };

export type FromLauncher =
  | { type: 'line'; id: number; line: string }
  | { type: 'exit'; id: number; code: number | null; signal: NodeJS.Signals | null }
  | { type: 'error'; id: number; message: string };
