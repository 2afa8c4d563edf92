import type { Logger } from 'pino';
import type { Redactor } from '../log/redactor.ts';
import type { Queryable } from '../store/database.ts';
import { appendLogLines, dropLogHead, lastLogSeq, type LogLine } from '../store/log-store.ts';
import { LogCapWindow, type LogCap } from './log-cap.ts';

/**
 * A deployment's log: lines are redacted, numbered and written to the store in batches, so that a
 * chatty build does not cost one round trip per line and the log page can tail it. Past the cap,
 * the oldest lines make way for the newest behind a marker line (the end of a log says why it failed).
 */
export class DeploymentLog {
  #seq = 0;
  #pending: LogLine[] = [];
  #flushing: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #step: string | null = null;
  readonly #window: LogCapWindow;

  private constructor(
    private readonly db: Queryable,
    private readonly deploymentId: number,
    readonly redactor: Redactor,
    private readonly serverLog: Logger,
    cap: LogCap,
  ) {
    this.#window = new LogCapWindow(cap);
  }

  static async open(db: Queryable, deploymentId: number, redactor: Redactor, serverLog: Logger, cap: LogCap): Promise<DeploymentLog> {
    const log = new DeploymentLog(db, deploymentId, redactor, serverLog, cap);
    log.#seq = await lastLogSeq(db, deploymentId);
    return log;
  }

  /** Lines written from now on belong to this step. */
  setStep(step: string | null): void {
    this.#step = step;
  }

  line(text: string): void {
    for (const part of this.redactor.redact(text).split(/\r?\n/)) {
      this.#pending.push({ seq: ++this.#seq, at: new Date(), step: this.#step, line: part.slice(0, 4000) });
    }
    if (this.#pending.length >= 200) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), 150);
  }

  /**
   * Writes what is buffered; resolves when that attempt ended. Lines the store refused (PostgreSQL
   * restarting, a full disk) stay buffered, in order, and are tried again every few seconds, so a
   * store outage loses no line; past the cap the oldest go, as the cap would drop them anyway.
   */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  #failing = false;

  async #write(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    try {
      await appendLogLines(this.db, this.deploymentId, batch);
      for (const l of batch) this.#window.add(l.seq, Buffer.byteLength(l.line));
      const trimmed = this.#window.trim();
      if (trimmed) await dropLogHead(this.db, this.deploymentId, trimmed.firstKept, trimmed.marker);
      if (this.#failing)
        this.serverLog.info({ deployment: this.deploymentId }, 'stored the log lines kept while the store was unreachable');
      this.#failing = false;
    } catch (error) {
      // Writing the same lines again is harmless: a line's number is its key, and a repeat is ignored.
      this.#pending = [...batch, ...this.#pending];
      const over = this.#pending.length - this.#window.cap.maxLines;
      if (over > 0) for (const l of this.#pending.splice(0, over)) this.#window.add(l.seq, Buffer.byteLength(l.line));
      if (!this.#failing)
        this.serverLog.error(
          { err: error, deployment: this.deploymentId, lines: this.#pending.length },
          'could not store log lines; keeping them and trying again',
        );
      this.#failing = true;
      this.#timer ??= setTimeout(() => void this.flush(), RETRY_MS);
      // A store that stays away must not keep the process from exiting.
      this.#timer.unref();
    }
  }
}

/** How soon lines the store refused are tried again. */
const RETRY_MS = 2000;
