import type { ApiCall, Delivery, WaitOptions } from './types.ts';

const describeCall = (c: ApiCall): string =>
  `  ${c.method} ${c.path}${Object.keys(c.query).length ? `?${new URLSearchParams(c.query).toString()}` : ''} → ${c.status}`;
const describeDelivery = (d: Delivery): string => `  ${d.event} ${d.id} → ${d.status} (${d.ms} ms)`;

/** Polls `check` (which may be async) until it returns a value; on timeout the error names `what` and shows the recent traffic. */
export async function waitFor<T>(
  check: () => T | undefined | false | null | Promise<T | undefined | false | null>,
  opts: WaitOptions = {},
  traffic: () => { calls: ApiCall[]; deliveries: Delivery[] },
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) {
      const { calls, deliveries } = traffic();
      const recentCalls = calls.slice(-20).map(describeCall).join('\n') || '  (none)';
      const recentDeliveries = deliveries.slice(-10).map(describeDelivery).join('\n') || '  (none)';
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${opts.what ?? 'a condition'}.\nRecent API calls (${calls.length} in all):\n${recentCalls}\nRecent webhook deliveries:\n${recentDeliveries}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
