/** When a lock taken `for <n>m|h|d` at `now` lifts itself. */
export function lockEnd(now: Date, minutes: number): Date {
  return new Date(now.getTime() + minutes * 60_000);
}

/** "until 2026-11-30 14:05 UTC", for replies and /status. */
export function untilText(end: Date): string {
  return `until ${end.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
