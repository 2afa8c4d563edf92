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
  /** Deployment requested → live, in ms (median and 90th percentile); undefined without any. */
  leadTimeMedianMs?: number;
  leadTimeP90Ms?: number;
  /** Failed changes ÷ finished deployments (0–1); undefined without any finished deployment. */
  changeFailureRate?: number;
  /** First failure → next success, median in ms; undefined when nothing failed and recovered. */
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

/** The figures of one environment's deployments (oldest first) over the `days` before `now`. */
export function deliveryFigures(deployments: readonly DeliveryRecord[], days: number, now: Date): DeliveryFigures {
  const from = now.getTime() - days * DAY_MS;
  const inWindow = deployments.filter((d) => d.createdAt.getTime() >= from && d.createdAt.getTime() <= now.getTime());
  const live = inWindow.filter((d) => LIVE.has(d.state) && d.finishedAt);
  const leadTimes = live.map((d) => d.finishedAt!.getTime() - d.createdAt.getTime()).sort((a, b) => a - b);

  // A change failed when its deployment failed, or when a rollback of the environment followed it within 24 h.
  const changes = inWindow.filter((d) => d.task === 'deploy' && (LIVE.has(d.state) || FAILED.has(d.state)));
  const rollbacks = deployments.filter((d) => d.task === 'deploy:rollback').map((d) => d.createdAt.getTime());
  const failedChanges = changes.filter((d) => {
    if (FAILED.has(d.state)) return true;
    const live = d.finishedAt!.getTime();
    return rollbacks.some((at) => at > live && at - live <= DAY_MS);
  });

  // Time to restore: from the first failure after a success (or the start) to the next success.
  const restores: number[] = [];
  let failingSince: number | undefined;
  for (const d of inWindow) {
    if (FAILED.has(d.state) && failingSince === undefined) failingSince = (d.finishedAt ?? d.createdAt).getTime();
    else if (LIVE.has(d.state) && d.finishedAt && failingSince !== undefined) {
      restores.push(d.finishedAt.getTime() - failingSince);
      failingSince = undefined;
    }
  }
  restores.sort((a, b) => a - b);
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
    .map(([, list]) => ({
      owner: list[0]!.owner,
      repo: list[0]!.repo,
      environment: list[0]!.environment,
      windows: WINDOWS_DAYS.map((days) => deliveryFigures(list, days, now)),
    }));
}
