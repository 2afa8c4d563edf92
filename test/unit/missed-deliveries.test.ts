import { describe, expect, it } from 'vitest';
import { nextCursor, type HookDelivery } from '../../src/redelivery/hook-deliveries.ts';
import { missedDeliveries } from '../../src/redelivery/missed-deliveries.ts';

const attempt = (id: number, guid: string, statusCode: number, at: string, redelivery = false): HookDelivery => ({
  id,
  guid,
  delivered_at: at,
  redelivery,
  status: statusCode === 200 ? 'OK' : 'failed',
  status_code: statusCode,
  event: 'deployment',
  action: 'created',
});

describe('missedDeliveries', () => {
  it('keeps deliveries no attempt of which got a 2xx, oldest first, asking for the latest attempt', () => {
    const missed = missedDeliveries([
      attempt(6, 'c', 502, '2026-11-30T10:05:00Z'),
      attempt(5, 'b', 200, '2026-11-30T10:04:00Z', true),
      attempt(4, 'a', 0, '2026-11-30T10:03:00Z', true),
      attempt(3, 'b', 0, '2026-11-30T10:02:00Z'),
      attempt(2, 'a', 500, '2026-11-30T10:01:00Z'),
      attempt(1, 'd', 202, '2026-11-30T10:00:00Z'),
    ]);
    expect(missed).toEqual([
      { guid: 'a', attemptId: 4, event: 'deployment', deliveredAt: '2026-11-30T10:01:00Z' },
      { guid: 'c', attemptId: 6, event: 'deployment', deliveredAt: '2026-11-30T10:05:00Z' },
    ]);
  });
});

describe('nextCursor', () => {
  it('reads the cursor of the next page from a Link header, and nothing on the last page', () => {
    const link =
      '<https://api.github.com/app/hook/deliveries?per_page=2&cursor=v1_12077215967>; rel="next", <https://api.github.com/app/hook/deliveries?per_page=2>; rel="first"';
    expect(nextCursor(link)).toBe('v1_12077215967');
    expect(nextCursor('<https://api.github.com/app/hook/deliveries?per_page=2>; rel="first"')).toBeUndefined();
    expect(nextCursor(undefined)).toBeUndefined();
  });
});
