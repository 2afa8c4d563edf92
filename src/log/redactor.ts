import { secretForms, worthRedacting } from './secret-forms.ts';

/**
 * Replaces known secret values, in every form they take (secret-forms.ts), with ***. Applied where
 * text leaves the process: the log sink, the deployment log, GitHub statuses and comments, chat.
 *
 * The server-wide redactor holds Runway's own secrets. Each deployment, command or notification
 * works with a child that holds its secrets too; while a child is open, its secrets are lent to its
 * ancestors, so the server log (which only knows the server-wide redactor) hides them as well, and
 * `close()` gives them back: the server-wide redactor does not grow with every deployment.
 */
export class Redactor {
  readonly #parent: Redactor | undefined;
  /** Forms of this redactor's own secrets. */
  readonly #own = new Set<string>();
  /** Forms lent by open descendants, with how many of them lent each. */
  readonly #lent = new Map<string, number>();
  #pattern: RegExp | null | undefined;
  #closed = false;

  constructor(secrets: Iterable<string> = [], parent?: Redactor) {
    this.#parent = parent;
    for (const s of secrets) this.add(s);
  }

  /** Tracks a secret and its encodings; values too short or too common to be secrets are ignored (see worthRedacting). */
  add(secret: string): void {
    // A PEM key may be printed one line at a time.
    const parts = secret.includes('\n')
      ? [secret, ...secret.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'))]
      : [secret];
    for (const part of parts) {
      if (!worthRedacting(part)) continue;
      for (const form of secretForms(part)) {
        if (this.#own.has(form)) continue;
        this.#own.add(form);
        if (!this.#closed) this.#parent?.lend(form, 1);
      }
    }
    this.#pattern = undefined;
  }

  redact(text: string): string {
    const out = this.#parent ? this.#parent.redact(text) : text;
    const pattern = this.pattern();
    return pattern ? out.replace(pattern, '***') : out;
  }

  /** A child that knows these secrets and every secret of this one; `close()` it when its work is done. */
  child(secrets: Iterable<string> = []): Redactor {
    return new Redactor(secrets, this);
  }

  /** Takes this redactor's secrets back from its ancestors (it still redacts them itself). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const form of this.#own) this.#parent?.lend(form, -1);
  }

  /** How many forms this redactor knows, its own and lent (for tests that check it does not only grow). */
  get size(): number {
    return this.#own.size + this.#lent.size;
  }

  private lend(form: string, delta: 1 | -1): void {
    const count = (this.#lent.get(form) ?? 0) + delta;
    if (count > 0) this.#lent.set(form, count);
    else this.#lent.delete(form);
    this.#pattern = undefined;
    this.#parent?.lend(form, delta);
  }

  private pattern(): RegExp | null {
    if (this.#pattern !== undefined) return this.#pattern;
    const forms = [...new Set([...this.#own, ...this.#lent.keys()])].sort((a, b) => b.length - a.length);
    // Longest first, so that a secret's hex or base64 form is replaced whole rather than around a shorter one.
    this.#pattern = forms.length === 0 ? null : new RegExp(forms.map(escapeRegExp).join('|'), 'g');
    return this.#pattern;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
