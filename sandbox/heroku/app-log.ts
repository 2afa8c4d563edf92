import { LogStream } from './log-stream.ts';

export interface LogLine {
  source: 'app' | 'heroku';
  dyno: string;
  text: string;
}

type Listener = (formatted: string, line: LogLine) => void;

/** Heroku's format, as `heroku logs` prints it. */
function format(at: Date, line: LogLine): string {
  const stamp = at.toISOString().replace('Z', '000+00:00');
  return `${stamp} ${line.source}[${line.dyno}]: ${line.text}\n`;
}

/**
 * An app's aggregated log (Logplex): every dyno's output and the platform's own notes, one line each,
 * kept on disk and readable through log sessions.
 */
export class AppLog {
  private readonly lines: { formatted: string; line: LogLine }[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly partial = new Map<string, string>();
  private readonly stream: LogStream;

  constructor(
    file: string,
    private readonly redact: (text: string) => string,
  ) {
    this.stream = new LogStream(file);
  }

  /** Output of a dyno, which may arrive in pieces that split lines. */
  output(dyno: string, text: string): void {
    const pending = (this.partial.get(`app:${dyno}`) ?? '') + text;
    const parts = pending.split('\n');
    this.partial.set(`app:${dyno}`, parts.pop() ?? '');
    for (const part of parts) this.add({ source: 'app', dyno, text: part.replace(/\r$/, '') });
  }

  /** Writes what is left of a dyno's last unterminated line. */
  flush(dyno: string): void {
    const rest = this.partial.get(`app:${dyno}`);
    this.partial.delete(`app:${dyno}`);
    if (rest) this.add({ source: 'app', dyno, text: rest });
  }

  /** What the Platform API did to the app (`app[api]: Build started by user …`), as Heroku logs it. */
  api(text: string): void {
    this.add({ source: 'app', dyno: 'api', text });
  }

  platform(dyno: string, text: string): void {
    this.add({ source: 'heroku', dyno, text });
  }

  private add(raw: LogLine): void {
    const line = { ...raw, text: this.redact(raw.text) };
    const formatted = format(new Date(), line);
    this.lines.push({ formatted, line });
    this.stream.write(formatted);
    for (const listener of this.listeners) listener(formatted, line);
  }

  /** A log session: the last `lines` matching lines, then (with `tail`) new ones as they come. */
  session(filter: { dyno?: string; source?: string; lines: number; tail: boolean }, signal?: AbortSignal): ReadableStream<Uint8Array> {
    const matches = (line: LogLine): boolean =>
      (!filter.source || line.source === filter.source) &&
      (!filter.dyno || line.dyno === filter.dyno || line.dyno.startsWith(`${filter.dyno}.`));
    const encoder = new TextEncoder();
    let listener: Listener | undefined;
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        const past = this.lines.filter((entry) => matches(entry.line)).slice(-filter.lines);
        for (const entry of past) controller.enqueue(encoder.encode(entry.formatted));
        if (!filter.tail) {
          controller.close();
          return;
        }
        const own: Listener = (formatted, line) => {
          if (matches(line)) controller.enqueue(encoder.encode(formatted));
        };
        listener = own;
        this.listeners.add(own);
        signal?.addEventListener('abort', () => {
          if (this.listeners.delete(own)) controller.close();
        });
      },
      cancel: () => {
        if (listener) this.listeners.delete(listener);
      },
    });
  }

  /** Ends every tailing session (the platform is closing). */
  close(): void {
    this.listeners.clear();
    this.stream.end();
  }
}
