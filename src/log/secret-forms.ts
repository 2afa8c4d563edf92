/**
 * Which values are worth redacting, and the forms a leaked value takes in text: as written,
 * JSON-escaped (the server log is JSON lines), URL-encoded, hex, and base64 (standard and url-safe)
 * wherever it starts in the encoded bytes.
 */

/** Shorter values are not secrets anyone should rely on, and blanking them out garbles ordinary text. */
export const MIN_SECRET_LENGTH = 8;

/** Values that config vars and settings commonly hold and that are not secret, whatever their length. */
const commonValues = new Set([
  'true',
  'false',
  'production',
  'development',
  'localhost',
  'undefined',
  'enabled',
  'disabled',
  'password',
  'changeme',
  'postgres',
  'postgresql',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'application/json',
]);

/**
 * The rule: a value is redacted when it has at least 8 characters, is not a number (or a run of
 * one character), and is not one of a few common words. Anything shorter or commoner would blank out
 * unrelated text (a `true`, a port, the environment's name) and tell a reader nothing anyway.
 */
export function worthRedacting(value: string): boolean {
  const v = value.trim();
  if (v.length < MIN_SECRET_LENGTH) return false;
  if (/^[+-]?\d+([.,]\d+)*$/.test(v)) return false;
  if (/^(.)\1*$/s.test(v)) return false;
  return !commonValues.has(v.toLowerCase());
}

/** The forms of `secret` to look for; each at least MIN_SECRET_LENGTH characters long. */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  forms.add(encodeURIComponent(secret).replace(/%20/g, '+'));
  const hex = bytes.toString('hex');
  forms.add(hex);
  forms.add(hex.toUpperCase());
  for (const piece of base64Pieces(bytes)) {
    forms.add(piece);
    forms.add(piece.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/**
 * Base64 turns 3 bytes into 4 characters, so the same secret encodes differently depending on where
 * it starts in the encoded data (offset 0, 1 or 2 modulo 3). For each start, the characters that
 * depend on the secret's bytes only: skip those mixed with the bytes before it, and stop before the
 * last group, which mixes with the bytes after it.
 */
function base64Pieces(bytes: Buffer): string[] {
  const pieces: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const start = [0, 2, 3][offset]!;
    const end = Math.floor((offset + bytes.length) / 3) * 4;
    if (end > start) pieces.push(encoded.slice(start, end));
  }
  return pieces;
}
