/** Splits a command line into tokens, keeping their positions so that free text can be cut from the line. */

export interface Token {
  readonly type: 'command' | 'flag' | 'word';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** `/` and a word: what a command token must look like. Anything else (`/usr/bin`, `/ deploy`) is prose. */
const commandToken = /^\/[A-Za-z][A-Za-z0-9_-]{0,31}$/;

// \s covers the Unicode spaces and the BOM; zero-width and direction marks stay inside a word,
// where name validation rejects them.
const whitespace = /\s/;

export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    if (whitespace.test(line[i] ?? '')) {
      i++;
      continue;
    }
    const start = i;
    while (i < line.length && !whitespace.test(line[i] ?? '')) i++;
    const text = line.slice(start, i);
    const type = tokens.length === 0 && commandToken.test(text) ? 'command' : text.startsWith('--') ? 'flag' : 'word';
    tokens.push({ type, text, start, end: i });
  }
  return tokens;
}
