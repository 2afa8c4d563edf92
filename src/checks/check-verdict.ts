import type { ObservedCheck } from './observed-checks.ts';
import type { RequiredCheck } from './required-checks.ts';

export type CheckVerdict =
  | { state: 'green'; total: number }
  | { state: 'pending'; green: number; total: number; pending: string[] }
  | { state: 'red'; check: string; outcome: string };

/** The newest check run and the newest status of `name` from an acceptable source (check runs and statuses are separate kinds). */
function latestFrom(observed: readonly ObservedCheck[], required: RequiredCheck): ObservedCheck[] {
  const latest = new Map<string, ObservedCheck>();
  for (const o of observed) {
    if (o.name !== required.name) continue;
    if (required.appId !== null && o.appId !== required.appId) continue;
    const key = `${o.kind}\u0000${o.appId ?? ''}`;
    const seen = latest.get(key);
    if (!seen || o.order > seen.order) latest.set(key, o);
  }
  return [...latest.values()];
}

/**
 * Whether a commit's checks let a deployment start: green when every required check is green from
 * its source, red as soon as one is red, pending otherwise (a check not posted yet is pending). A
 * check posted under the right name by the wrong source is not looked at.
 */
export function checkVerdict(required: readonly RequiredCheck[], observed: readonly ObservedCheck[]): CheckVerdict {
  const pending: string[] = [];
  let green = 0;
  for (const r of required) {
    const found = latestFrom(observed, r);
    const red = found.find((o) => o.state === 'red');
    if (red) return { state: 'red', check: r.name, outcome: red.outcome };
    if (found.length > 0 && found.every((o) => o.state === 'green')) green++;
    else pending.push(r.name);
  }
  if (pending.length === 0) return { state: 'green', total: required.length };
  return { state: 'pending', green, total: required.length, pending };
}

/** Every check present on the commit (for `checks: all`), each from whoever posted it. */
export function everyObservedCheck(observed: readonly ObservedCheck[]): RequiredCheck[] {
  const names = new Map<string, RequiredCheck>();
  for (const o of observed) names.set(`${o.name}\u0000${o.appId ?? ''}`, { name: o.name, appId: o.appId });
  return [...names.values()];
}

/** "waiting for CI: 3/5 green (test, lint pending)", short enough for a status description. */
export function describeWait(v: Extract<CheckVerdict, { state: 'pending' }>): string {
  const shown = v.pending.slice(0, 3).join(', ');
  const more = v.pending.length > 3 ? ` and ${v.pending.length - 3} more` : '';
  return `waiting for CI: ${v.green}/${v.total} green (${shown}${more} pending)`;
}
