import { describe, expect, it } from 'vitest';
import { WebhookFirst, type ClaimPermit } from '../../src/worker/webhook-first.ts';

const FREE: ClaimPermit = { claim: 'free' };
const wait = (waitMs: number): ClaimPermit => ({ claim: 'none', waitMs });

describe('WebhookFirst: the worker claims no new job while deliveries are arriving', () => {
  it('lets the worker claim at once when no delivery came lately', () => {
    const first = new WebhookFirst({ quietMs: 100, maxDeferMs: 1000 });
    expect(first.permit(5_000)).toEqual(FREE);
    first.noteDelivery(5_000);
    expect(first.permit(5_100)).toEqual(FREE);
  });

  it('holds nothing back for a lone delivery', () => {
    const first = new WebhookFirst({ quietMs: 100, maxDeferMs: 1000 });
    first.noteDelivery(1_000);
    expect(first.permit(1_010)).toEqual(FREE);
    first.noteDelivery(1_500);
    expect(first.permit(1_510)).toEqual(FREE);
  });

  it('holds claims back during a burst until the deliveries have been quiet for quietMs', () => {
    const first = new WebhookFirst({ quietMs: 100, maxDeferMs: 1000 });
    first.noteDelivery(1_000);
    first.noteDelivery(1_040);
    expect(first.permit(1_050)).toEqual(wait(90));
    first.noteDelivery(1_080);
    expect(first.permit(1_090)).toEqual(wait(90));
    expect(first.permit(1_180)).toEqual(FREE);
    // The burst is over: the next lone delivery holds nothing back.
    first.noteDelivery(1_400);
    expect(first.permit(1_410)).toEqual(FREE);
  });

  it('lets one job per lane through after maxDeferMs of a steady stream, then holds back again', () => {
    const first = new WebhookFirst({ quietMs: 100, maxDeferMs: 1000 });
    const permits: ClaimPermit[] = [];
    // A delivery every 10 ms for 2.5 s; the worker asks each time.
    for (let t = 0; t <= 2_500; t += 10) {
      first.noteDelivery(t);
      permits.push(first.permit(t));
    }
    const at = (claim: ClaimPermit['claim']) => permits.flatMap((p, i) => (p.claim === claim ? [i * 10] : []));
    // The first delivery is alone so far; from the second one on it is a burst.
    expect(at('free')).toEqual([0]);
    expect(at('one')).toEqual([1_010, 2_020]);
    // Each wait ends when the stream would have been quiet long enough, or sooner at the cap.
    const waits = permits.flatMap((p) => (p.claim === 'none' ? [p.waitMs] : []));
    expect(Math.max(...waits)).toBe(100);
    expect(permits[99]).toEqual(wait(20)); // at 990 ms the cap is 20 ms away
    // The stream stops: once it has been quiet for quietMs, every slot may be filled again.
    expect(first.permit(2_600)).toEqual(FREE);
  });
});
