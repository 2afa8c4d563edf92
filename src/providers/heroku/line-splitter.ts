/** Turns a byte stream into text lines: UTF-8 split across chunks and CRLF are handled. */
export class LineSplitter {
  private readonly decoder = new TextDecoder();
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(bytes: Uint8Array): void {
    this.emit(this.decoder.decode(bytes, { stream: true }));
  }

  /** Emits the last line when it had no newline. */
  flush(): void {
    this.emit(this.decoder.decode());
    if (this.partial !== '') this.onLine(this.partial);
    this.partial = '';
  }

  private emit(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const part of parts) this.onLine(part.endsWith('\r') ? part.slice(0, -1) : part);
  }
}

/** Keeps the last `size` lines, for error messages. */
export class LastLines {
  private readonly lines: string[] = [];

  constructor(private readonly size: number) {}

  add(line: string): void {
    if (line.trim() === '') return;
    this.lines.push(line);
    if (this.lines.length > this.size) this.lines.shift();
  }

  all(): readonly string[] {
    return this.lines;
  }

  last(): string | undefined {
    return this.lines.at(-1);
  }

  /**
   * The line most worth quoting in a one-line error: the last one that reports an error (a tool's
   * "ERROR: relation does not exist" rather than the platform's "exited with status 3" after it),
   * else the last line.
   */
  telling(): string | undefined {
    return this.lines.findLast((line) => /\b(error|fatal|exception|failed)\b/i.test(line)) ?? this.last();
  }
}
