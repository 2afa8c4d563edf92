import type { Logger } from 'pino';
import { laneOf, markJobFailed, requeueJob, type Job, type JobQueue, type Lane, type Settled } from '../store/job-queue.ts';
import type { JobHandlers } from './job-handler.ts';
import type { WebhookFirst } from './webhook-first.ts';

export interface WorkerOptions {
  queue: JobQueue;
  handlers: JobHandlers;
  log: Logger;
  /** Deployments one process runs at once (different environments). */
  concurrency: number;
  /** Control jobs (announcements, commands, PR comments, status reports, the purge) run at once, in slots of their own. */
  controlConcurrency: number;
  leaseSeconds: number;
  /** How often the store is polled for work that other replicas enqueued. */
  pollMs?: number;
  /** Holds new claims back while webhook deliveries are arriving; absent: claim whenever a slot is free. */
  webhookFirst?: WebhookFirst;
}

/**
 * Claims jobs from the queue and runs them: up to `concurrency` deployments and, in slots of their
 * own, up to `controlConcurrency` control jobs, so that a reply or a status never waits behind a
 * long deployment. Renews the leases of running jobs, aborts a job whose lease was lost, and reaps
 * jobs whose worker died.
 */
export class Worker {
  readonly #o: Required<Omit<WorkerOptions, 'webhookFirst'>> & Pick<WorkerOptions, 'webhookFirst'>;
  readonly #running = new Map<
    number,
    {
      job: Job;
      controller: AbortController;
      done: Promise<void>;
      startedAt: number;
      /** When the lease was last known good (the claim, or a renewal that kept it; local clock, sent time). */
      leaseFrom: number;
      settling: boolean;
    }
  >();
  #stopped = true;
  #wakeUp: (() => void) | undefined;
  /** Set by wake(): work was enqueued while the loop was busy, so it looks again instead of sleeping. */
  #woken = false;
  #loop: Promise<void> | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #fencing: NodeJS.Timeout | undefined;

  constructor(options: WorkerOptions) {
    this.#o = { pollMs: 500, ...options };
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#heartbeat = setInterval(() => void this.#renewLeases(), (this.#o.leaseSeconds * 1000) / 4);
    this.#fencing = setInterval(() => this.#fence(), (this.#o.leaseSeconds * 1000) / 12);
    this.#loop = this.#run();
  }

  /** Asks the loop to look for work now (called after this process enqueued a job). */
  wake(): void {
    this.#woken = true;
    this.#wakeUp?.();
  }

  /** Stops claiming; waits up to `graceMs` for running jobs, then aborts them. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.wake();
    await this.#loop;
    const all = Promise.all([...this.#running.values()].map((r) => r.done));
    const timer = setTimeout(() => {
      for (const r of this.#running.values()) r.controller.abort(new Error('worker stopped'));
    }, graceMs);
    await all;
    clearTimeout(timer);
    clearInterval(this.#heartbeat);
    clearInterval(this.#fencing);
  }

  get runningJobs(): number {
    return this.#running.size;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      this.#woken = false;
      let waitMs = this.#o.pollMs;
      let deferred = false;
      try {
        await this.#reapNowAndThen();
        const permit = this.#o.webhookFirst?.permit() ?? { claim: 'free' };
        let claimed = false;
        for (const lane of ['control', 'deploy'] as const) {
          let claims = permit.claim === 'free' ? Number.POSITIVE_INFINITY : permit.claim === 'one' ? 1 : 0;
          while (claims-- > 0 && !this.#stopped && this.#runningIn(lane) < this.#slots(lane)) {
            // The store counts the lease from the claim's transaction start; counting it from when the
            // claim returned (seconds later on a loaded store) would let the fence stop a job too late.
            const asked = Date.now();
            const job = await this.#o.queue.claim(lane);
            if (!job) break;
            claimed = true;
            this.#start(job, asked);
          }
        }
        if (permit.claim !== 'free') {
          // Held back for webhooks: asked again when the burst may be over (or at the cap).
          waitMs = permit.claim === 'none' ? permit.waitMs : 0;
          deferred = true;
        } else if (claimed || this.#woken) continue;
      } catch (error) {
        this.#o.log.error({ err: error }, 'worker could not reach the store; retrying');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.#wakeUp = () => {
          // Held back for webhooks: the deliveries' own wake-ups must not end the wait, stopping does.
          if (deferred && !this.#stopped) return;
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wakeUp = undefined;
    }
  }

  #runningIn(lane: Lane): number {
    let n = 0;
    for (const r of this.#running.values()) if (laneOf(r.job.kind) === lane) n++;
    return n;
  }

  #slots(lane: Lane): number {
    return lane === 'deploy' ? this.#o.concurrency : this.#o.controlConcurrency;
  }

  #lastReap = 0;

  /**
   * Ends the jobs of workers that stopped. Leases run out on a scale of seconds, so this runs at
   * most every third of a lease (and at most every second), not on every wake-up: under load that
   * is once per delivery, and the queries would compete with the webhook handlers for the store.
   */
  async #reapNowAndThen(): Promise<void> {
    if (Date.now() - this.#lastReap < Math.min(1000, (this.#o.leaseSeconds * 1000) / 3)) return;
    this.#lastReap = Date.now();
    await this.#o.queue.reapExpired((tx, job) => {
      this.#o.log.warn({ job: job.id, kind: job.kind }, 'job lease ran out: its worker stopped');
      const handler = this.#o.handlers[job.kind];
      if (handler.abandon) return handler.abandon(tx, job);
      return job.attempts < handler.maxAttempts ? requeueJob(tx, job.id) : markJobFailed(tx, job.id, 'worker stopped');
    });
  }

  /** Runs a claimed job; `asked` is when the claim was sent, which the lease counts from at the latest. */
  #start(job: Job, asked: number): void {
    const controller = new AbortController();
    const done = this.#execute(job, controller.signal).finally(() => {
      this.#running.delete(job.id);
      this.wake();
    });
    this.#running.set(job.id, { job, controller, done, startedAt: Date.now(), leaseFrom: asked, settling: false });
  }

  async #execute(job: Job, signal: AbortSignal): Promise<void> {
    const handler = this.#o.handlers[job.kind];
    const log = this.#o.log.child({ job: job.id, kind: job.kind, key: job.key });
    try {
      const outcome = await handler.run(job, signal).catch((error: unknown) => {
        log.error({ err: error }, 'job failed unexpectedly');
        return { done: false as const, retryable: true, error: error instanceof Error ? error.message : String(error) };
      });
      // From here the job gives its key back: a renewal that no longer finds it is not a lost lease.
      const entry = this.#running.get(job.id);
      if (entry) entry.settling = true;
      let settled: Settled;
      if (outcome.done) settled = await this.#o.queue.complete(job, { againAfterMs: outcome.againAfterMs });
      else if (outcome.retryable && job.attempts < handler.maxAttempts) {
        const delayMs = Math.min(60_000, 1000 * 2 ** (job.attempts - 1));
        log['expected' in outcome && outcome.expected ? 'debug' : 'warn'](
          { attempt: job.attempts, delayMs, error: outcome.error },
          'job failed; will retry',
        );
        settled = await this.#o.queue.retry(job, outcome.error, delayMs);
      } else {
        log.error({ attempts: job.attempts, error: outcome.error }, 'job failed for good');
        settled = await this.#o.queue.fail(job, outcome.error);
      }
      // The lease ran out while the job ran: it was reaped (and maybe claimed by another worker), so
      // this outcome must not touch the job or its key any more.
      if (!settled.ok) log.warn({ outcome: outcome.done ? 'done' : 'failed' }, 'lost the lease before finishing; outcome dropped');
    } catch (error) {
      // The store is unreachable: the lease will run out and the job be reaped.
      log.error({ err: error }, 'could not record the outcome of a job');
    }
  }

  #renewing = false;

  /**
   * Stops a job whose lease this worker could not renew for half of it (the store was unreachable or
   * slow): other replicas reap it once it runs out, so its command must have died by then, or two
   * runs of one environment would overlap. Counted from when the claim or the last renewal that
   * kept the lease was sent (the store's clock starts later), checked every twelfth of a lease: a job
   * is told to stop at the latest seven twelfths into a lease it could not renew, which leaves the
   * rest for late timers on a loaded machine and for its command to end.
   */
  #fence(): void {
    const leaseMs = this.#o.leaseSeconds * 1000;
    for (const [id, r] of this.#running) {
      if (!r.settling && !r.controller.signal.aborted && Date.now() - r.leaseFrom > leaseMs / 2) {
        this.#o.log.error({ job: id }, 'could not renew the lease of a running job in time; stopping it before another worker may take it');
        r.controller.abort(new Error('lease not renewed in time'));
      }
    }
  }

  /** Renews the leases of running jobs; a job whose lease is gone (reaped) is aborted. */
  async #renewLeases(): Promise<void> {
    if (this.#running.size === 0 || this.#renewing) return;
    this.#renewing = true;
    try {
      const asked = Date.now();
      const held = await this.#o.queue.heartbeat([...this.#running.keys()]);
      for (const [id, r] of this.#running) {
        if (held.has(id)) r.leaseFrom = Math.max(r.leaseFrom, asked);
        // A job claimed while the renewal was in flight is not in its answer, yet holds its lease.
        else if (r.startedAt < asked && !r.settling && !r.controller.signal.aborted) {
          this.#o.log.error({ job: id }, 'lost the lease of a running job; aborting it');
          r.controller.abort(new Error('lease lost'));
        }
      }
    } catch (error) {
      this.#o.log.error({ err: error }, 'could not renew job leases');
    } finally {
      this.#renewing = false;
    }
  }
}
