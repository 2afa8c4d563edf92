/** What the worker may claim now: every free slot, one job per lane, or nothing for a while. */
export type ClaimPermit = { claim: 'free' } | { claim: 'one' } | { claim: 'none'; waitMs: number };

/**
 * Gives webhook acknowledgements the event loop before new deploy work. The worker shares the
 * process with the webhook endpoint, and every job it starts (announcing, running commands,
 * reporting statuses) costs CPU there; during a burst of deliveries that work delayed the answers
 * to GitHub by tens of milliseconds and more. So while deliveries keep arriving (a burst: a
 * delivery within `quietMs` of the one before it, and one within the last `quietMs`), the worker
 * claims no new job; jobs already running go on, and the leases are renewed as usual. A lone
 * delivery holds nothing back: the deployment it starts would only wait for no reason. A worker
 * held back for `maxDeferMs` claims one job per lane and is held back again: a steady stream slows
 * deployments down but never stops them (filling every slot at once there put eight jobs' start-up
 * in the way of the answers, a spike of 100-200 ms).
 */
export class WebhookFirst {
  readonly #quietMs: number;
  readonly #maxDeferMs: number;
  #lastDelivery = Number.NEGATIVE_INFINITY;
  #inBurst = false;
  #deferredSince: number | undefined;

  constructor(options: { quietMs?: number; maxDeferMs?: number } = {}) {
    this.#quietMs = options.quietMs ?? 100;
    this.#maxDeferMs = options.maxDeferMs ?? 1000;
  }

  /** A webhook delivery arrived (called before it is read). */
  noteDelivery(now = performance.now()): void {
    this.#inBurst = now - this.#lastDelivery < this.#quietMs;
    this.#lastDelivery = now;
  }

  /** What the worker may claim now. */
  permit(now = performance.now()): ClaimPermit {
    const quietIn = this.#lastDelivery + this.#quietMs - now;
    if (quietIn <= 0 || !this.#inBurst) {
      this.#deferredSince = undefined;
      return { claim: 'free' };
    }
    this.#deferredSince ??= now;
    if (now - this.#deferredSince >= this.#maxDeferMs) {
      this.#deferredSince = undefined;
      return { claim: 'one' };
    }
    return { claim: 'none', waitMs: Math.min(quietIn, this.#deferredSince + this.#maxDeferMs - now) };
  }
}
