import { describe, expect, it } from 'vitest';
import { WebhookFirst } from '../../src/worker/webhook-first.ts';

describe('WebhookFirst: the worker claims no new job while deliveries are arriving', () => {
  it('lets the worker claim at once when no delivery came lately', () => {
    const first = new WebhookFirst({ quietMs: 100, maxDeferMs: 1000 });
    expect(first.claimDelay(5_000)).toBe(0);
    first.noteDelivery(5_000);
    expect(first.claimDelay(5_100)).toBe(0);
  });

  it('holds nothing back for a lone delivery', () => {
    const first = new WebhookFirst({ quietMs: 100, maxDeferMs: 1000 });
    first.noteDelivery(1_000);
    expect(first.claimDelay(1_010)).toBe(0);
    first.noteDelivery(1_500);
    expect(first.claimDelay(1_510)).toBe(0);
  });

  it('holds claims back during a burst until the deliveries have been quiet for quietMs', () => {
    const first = new WebhookFirst({ quietMs: 100, maxDeferMs: 1000 });
    first.noteDelivery(1_000);
    first.noteDelivery(1_040);
    expect(first.claimDelay(1_050)).toBe(90);
    first.noteDelivery(1_080);
    expect(first.claimDelay(1_090)).toBe(90);
    expect(first.claimDelay(1_180)).toBe(0);
    // The burst is over: the next lone delivery holds nothing back.
    first.noteDelivery(1_400);
    expect(first.claimDelay(1_410)).toBe(0);
  });

  it('lets one claim through after maxDeferMs of a steady stream, then holds back again', () => {
    const first = new WebhookFirst({ quietMs: 100, maxDeferMs: 1000 });
    const delays: number[] = [];
    // A delivery every 10 ms for 2.5 s; the worker asks each time.
    for (let t = 0; t <= 2_500; t += 10) {
      first.noteDelivery(t);
      delays.push(first.claimDelay(t));
    }
    const allowedAt = delays.flatMap((d, i) => (d === 0 ? [i * 10] : []));
    // The first delivery is alone so far; from the second one on it is a burst.
    expect(allowedAt).toEqual([0, 1_010, 2_020]);
    // Each wait ends when the stream would have been quiet long enough, or sooner at the cap.
    expect(Math.max(...delays)).toBe(100);
    expect(delays[99]).toBe(20); // at 990 ms the cap is 20 ms away
  });
});
