import { Cron } from 'croner';
import type { FreezeWindowConfig } from '../config/freeze-config.ts';
import { untilText } from '../locks/lock-end.ts';
import type { Queryable } from '../store/database.ts';
import { acquireLock, type LockResult } from '../store/locks-store.ts';
import { durationMinutes } from './duration.ts';

/** A freeze window that is closed at some moment: when it opened and when it ends. */
export interface ActiveFreeze {
  window: FreezeWindowConfig;
  start: Date;
  end: Date;
}

/** The owner of the lock a freeze window takes: Runway itself. */
export const FREEZE_LOCK_OWNER = 'runway[bot]';

/** The window of `windows` that holds at `now` and ends last, if any. */
export function activeFreeze(windows: readonly FreezeWindowConfig[], now: Date): ActiveFreeze | undefined {
  let found: ActiveFreeze | undefined;
  for (const window of windows) {
    const minutes = durationMinutes(window.duration) ?? 0;
    // The latest opening at or before now (croner's previousRuns is strictly before: ask from 1 ms later).
    const [start] = new Cron(window.schedule, { timezone: window.time_zone, paused: true }).previousRuns(1, new Date(now.getTime() + 1));
    if (!start) continue;
    const end = new Date(start.getTime() + minutes * 60_000);
    if (end > now && (!found || end > found.end)) found = { window, start, end };
  }
  return found;
}

/** "freeze window `0 18 * * FRI` (Europe/Berlin) until 2026-12-07 07:00 UTC". */
export function freezeText(f: ActiveFreeze): string {
  return `freeze window \`${f.window.schedule}\` (${f.window.time_zone}) ${untilText(f.end)}`;
}

/**
 * Holds the environment until the window ends: a lock owned by Runway that lifts itself at the end
 * (src/jobs/lock-expiry-job.ts), so queued merges deploy then. A lock someone already holds stays
 * theirs, and the merge waits behind it.
 */
export function lockForFreeze(db: Queryable, input: { key: string; freeze: ActiveFreeze; installationId: number }): Promise<LockResult> {
  return acquireLock(db, {
    key: input.key,
    owner: FREEZE_LOCK_OWNER,
    reason: freezeText(input.freeze),
    expiresAt: input.freeze.end,
    installationId: input.installationId,
  });
}
