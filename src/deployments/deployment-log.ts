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

  /** Writes what is buffered; resolves when everything written so far is in the store. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    this.#flushing = this.#flushing.then(async () => {
      try {
        await appendLogLines(this.db, this.deploymentId, batch);
        for (const l of batch) this.#window.add(l.seq, Buffer.byteLength(l.line));
        const trimmed = this.#window.trim();
        if (trimmed) await dropLogHead(this.db, this.deploymentId, trimmed.firstKept, trimmed.marker);
      } catch (error) {
        this.serverLog.error({ err: error, deployment: this.deploymentId, lines: batch.length }, 'could not store log lines');
      }
    });
    return this.#flushing;
  }
}
