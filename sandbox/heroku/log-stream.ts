import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

type Listener = (chunk: Buffer | null) => void;

/**
 * An append-only text log that is kept on disk and can be followed while it grows: the shape of
 * Heroku's build and release `output_stream_url`s (plain text, resumable by byte offset).
 */
export class LogStream {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private ended = false;
  private readonly listeners = new Set<Listener>();

  constructor(
    readonly file: string,
    private readonly redact: (text: string) => string = (text) => text,
  ) {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, '');
  }

  get length(): number {
    return this.size;
  }

  get closed(): boolean {
    return this.ended;
  }

  write(text: string): void {
    if (this.ended || text.length === 0) return;
    const chunk = Buffer.from(this.redact(text));
    this.chunks.push(chunk);
    this.size += chunk.length;
    appendFileSync(this.file, chunk);
    for (const listener of this.listeners) listener(chunk);
  }

  line(text: string): void {
    this.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const listener of this.listeners) listener(null);
    this.listeners.clear();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }

  /** Everything from `offset` on, then each new chunk, until the log ends or the signal aborts. */
  follow(offset: number, signal?: AbortSignal): ReadableStream<Uint8Array> {
    let listener: Listener | undefined;
    return new ReadableStream<Uint8Array>({
      cancel: () => {
        if (listener) this.listeners.delete(listener);
      },
      start: (controller) => {
        const past = Buffer.concat(this.chunks).subarray(offset);
        if (past.length > 0) controller.enqueue(new Uint8Array(past));
        if (this.ended) {
          controller.close();
          return;
        }
        const own: Listener = (chunk) => {
          if (chunk === null) {
            this.listeners.delete(own);
            controller.close();
          } else {
            controller.enqueue(new Uint8Array(chunk));
          }
        };
        listener = own;
        this.listeners.add(own);
        signal?.addEventListener('abort', () => {
          if (this.listeners.delete(own)) controller.close();
        });
      },
    });
  }
}
