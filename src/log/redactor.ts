/**
 * Replaces known secret values with ***. Applied where text leaves the process: the log sink, the
 * deployment log, GitHub statuses and comments, chat messages.
 */
export class Redactor {
  readonly #secrets = new Set<string>();
  readonly #parent: Redactor | undefined;

  constructor(secrets: Iterable<string> = [], parent?: Redactor) {
    this.#parent = parent;
    for (const s of secrets) this.add(s);
  }

  /** Values shorter than 4 characters are not tracked: replacing them would garble ordinary text. */
  add(secret: string): void {
    if (secret.length >= 4) this.#secrets.add(secret);
    // A PEM key may be printed one line at a time.
    if (secret.includes('\n')) {
      for (const line of secret.split('\n')) if (line.length >= 16 && !line.startsWith('-----')) this.#secrets.add(line);
    }
  }

  redact(text: string): string {
    let out = this.#parent ? this.#parent.redact(text) : text;
    for (const s of this.#secrets) if (out.includes(s)) out = out.split(s).join('***');
    return out;
  }

  /** A child that knows these secrets and every secret of this one. */
  child(secrets: Iterable<string> = []): Redactor {
    return new Redactor(secrets, this);
  }
}
