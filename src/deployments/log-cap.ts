/** The most lines and bytes one deployment's log keeps (RUNWAY_LOG_MAX_LINES, RUNWAY_LOG_MAX_BYTES). */
export interface LogCap {
  maxLines: number;
  maxBytes: number;
}

/** Room left for the marker line, which takes the place of the first dropped line. */
const MARKER_BYTES = 256;

/**
 * Which lines of a deployment's log are kept: the newest that fit in the cap, with one slot left
 * for the marker that says how much went before them. Keeps only line numbers and sizes.
 */
export class LogCapWindow {
  readonly #seqs: number[] = [];
  readonly #sizes: number[] = [];
  #head = 0;
  #bytes = 0;
  #droppedLines = 0;
  #droppedBytes = 0;

  constructor(readonly cap: LogCap) {}

  add(seq: number, bytes: number): void {
    this.#seqs.push(seq);
    this.#sizes.push(bytes);
    this.#bytes += bytes;
  }

  /** Drops the oldest lines beyond the cap; returns the first kept line and the marker, or undefined when all fit. */
  trim(): { firstKept: number; marker: string } | undefined {
    let dropped = false;
    while (this.#seqs.length - this.#head > this.cap.maxLines - 1 || this.#bytes > this.cap.maxBytes - MARKER_BYTES) {
      const size = this.#sizes[this.#head]!;
      this.#bytes -= size;
      this.#droppedBytes += size;
      this.#droppedLines++;
      this.#head++;
      dropped = true;
    }
    if (this.#head > 4096 && this.#head * 2 > this.#seqs.length) {
      this.#seqs.splice(0, this.#head);
      this.#sizes.splice(0, this.#head);
      this.#head = 0;
    }
    const firstKept = this.#seqs[this.#head];
    if (!dropped || firstKept === undefined) return undefined;
    return {
      firstKept,
      marker:
        `… ${this.#droppedLines} earlier lines (${this.#droppedBytes} bytes) dropped: ` +
        `a deployment log keeps its last ${this.cap.maxLines} lines and ${this.cap.maxBytes} bytes`,
    };
  }
}
