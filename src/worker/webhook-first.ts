/**
 * Gives webhook acknowledgements the event loop before new deploy work. The worker shares the
 * process with the webhook endpoint, and every job it starts (announcing, running commands,
 * reporting statuses) costs CPU there; during a burst of deliveries that work delayed the answers
 * to GitHub by tens of milliseconds and more. So while deliveries keep arriving (a burst: a
 * delivery within `quietMs` of the one before it, and one within the last `quietMs`), the worker
 * claims no new job; jobs already running go on, and the leases are renewed as usual. A lone
 * delivery holds nothing back: the deployment it starts would only wait for no reason. A worker held back for `maxDeferMs` claims once anyway: a steady stream slows
 * deployments down but never stops them.
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

  /** Milliseconds the worker should wait before it claims again; 0 when it may claim now. */
  claimDelay(now = performance.now()): number {
    const quietIn = this.#lastDelivery + this.#quietMs - now;
    if (quietIn <= 0 || !this.#inBurst) {
      this.#deferredSince = undefined;
      return 0;
    }
    this.#deferredSince ??= now;
    if (now - this.#deferredSince >= this.#maxDeferMs) {
      this.#deferredSince = undefined;
      return 0;
    }
    return Math.min(quietIn, this.#deferredSince + this.#maxDeferMs - now);
  }
}
