import type { DeliveryRecord } from '../../store/delivery-history.ts';

export const WINDOWS_DAYS = [7, 30, 90] as const;
const DAY_MS = 86_400_000;
const LIVE = new Set(['success', 'inactive']);
const FAILED = new Set(['failure', 'error']);

/** The delivery figures of one environment over one window (see docs/web.md for the definitions). */
export interface DeliveryFigures {
  days: number;
  /** Deployments that went live in the window. */
  deployments: number;
  /** `deployments / days`. */
  perDay: number;
  /** A merged pull request's first commit → live, in ms (median and 90th percentile); undefined without any. */
  leadTimeMedianMs?: number;
  leadTimeP90Ms?: number;
  /** Failed changes ÷ finished deployments (0–1); undefined without any finished deployment. */
  changeFailureRate?: number;
  /** First failure (a failed or rolled-back change) → next deployment live, median in ms; undefined when nothing failed and recovered. */
  timeToRestoreMs?: number;
}

export interface EnvironmentDelivery {
  owner: string;
  repo: string;
  environment: string;
  windows: DeliveryFigures[];
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** When a deployment went live, or undefined when it did not. */
const liveAt = (d: DeliveryRecord): number | undefined => (LIVE.has(d.state) && d.finishedAt ? d.finishedAt.getTime() : undefined);

/** A change: a deployment of new code (not a rollback, not a redeploy of what was live). */
const isChange = (d: DeliveryRecord) => d.task === 'deploy' && d.purpose !== 'redeploy' && d.purpose !== 'rollback';

/**
 * The changes a rollback undid: for each `deploy:rollback` of the environment, what was live when it
 * was requested, when that is a change that went live at most 24 h before.
 */
export function rolledBackChanges(deployments: readonly DeliveryRecord[]): Set<DeliveryRecord> {
  const lives = deployments.filter((d) => liveAt(d) !== undefined).sort((a, b) => liveAt(a)! - liveAt(b)!);
  const undone = new Set<DeliveryRecord>();
  for (const rollback of deployments) {
    if (rollback.task !== 'deploy:rollback') continue;
    const requested = rollback.createdAt.getTime();
    // The last deployment that went live before the rollback was requested (binary search).
    let lo = 0;
    let hi = lives.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (liveAt(lives[mid]!)! < requested) lo = mid + 1;
      else hi = mid;
    }
    const before = lives[lo - 1];
    if (before && isChange(before) && requested - liveAt(before)! <= DAY_MS) undone.add(before);
  }
  return undone;
}

/** Each restore, in ms: from the first failure after a success (or the window's start) to the next deployment that went live. */
function restoreTimes(inWindow: readonly DeliveryRecord[], failedChange: (d: DeliveryRecord) => boolean): number[] {
  const events: { at: number; failed: boolean }[] = [];
  for (const d of inWindow) {
    if (FAILED.has(d.state)) events.push({ at: (d.finishedAt ?? d.createdAt).getTime(), failed: true });
    else if (liveAt(d) !== undefined) events.push({ at: liveAt(d)!, failed: failedChange(d) });
  }
  events.sort((a, b) => a.at - b.at);
  const restores: number[] = [];
  let failingSince: number | undefined;
  for (const e of events) {
    if (e.failed) failingSince ??= e.at;
    else if (failingSince !== undefined) {
      restores.push(e.at - failingSince);
      failingSince = undefined;
    }
  }
  return restores.sort((a, b) => a - b);
}

/** The figures of one environment's deployments (oldest first) over the `days` before `now`. */
export function deliveryFigures(
  deployments: readonly DeliveryRecord[],
  days: number,
  now: Date,
  undone: ReadonlySet<DeliveryRecord> = rolledBackChanges(deployments),
): DeliveryFigures {
  const from = now.getTime() - days * DAY_MS;
  const inWindow = deployments.filter((d) => d.createdAt.getTime() >= from && d.createdAt.getTime() <= now.getTime());
  const live = inWindow.filter((d) => liveAt(d) !== undefined);
  // Lead time for changes: the pull request's first commit → live.
  const leadTimes = live
    .filter((d) => isChange(d) && d.firstCommitAt)
    .map((d) => liveAt(d)! - d.firstCommitAt!.getTime())
    .sort((a, b) => a - b);

  // A change failed when its deployment failed, or when a rollback undid it within 24 h.
  const changes = inWindow.filter((d) => isChange(d) && (liveAt(d) !== undefined || FAILED.has(d.state)));
  const failedChanges = changes.filter((d) => FAILED.has(d.state) || undone.has(d));
  const restores = restoreTimes(inWindow, (d) => undone.has(d));
  return {
    days,
    deployments: live.length,
    perDay: live.length / days,
    leadTimeMedianMs: percentile(leadTimes, 50),
    leadTimeP90Ms: percentile(leadTimes, 90),
    changeFailureRate: changes.length === 0 ? undefined : failedChanges.length / changes.length,
    timeToRestoreMs: percentile(restores, 50),
  };
}

/** Every environment's figures over 7, 30 and 90 days. */
export function deliveryByEnvironment(deployments: readonly DeliveryRecord[], now: Date): EnvironmentDelivery[] {
  const groups = new Map<string, DeliveryRecord[]>();
  for (const d of deployments) {
    const key = `${d.owner}/${d.repo}:${d.environment}`;
    const list = groups.get(key) ?? [];
    list.push(d);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, list]) => {
      const undone = rolledBackChanges(list);
      return {
        owner: list[0]!.owner,
        repo: list[0]!.repo,
        environment: list[0]!.environment,
        windows: WINDOWS_DAYS.map((days) => deliveryFigures(list, days, now, undone)),
      };
    });
}
