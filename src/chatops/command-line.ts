/**
 * Finds the line of a comment that may hold a command: the first non-blank line that markdown does
 * not render as code or as a quote. A command quoted from someone else, or shown in a code sample,
 * must never run.
 */

interface Fence {
  readonly char: '`' | '~';
  readonly length: number;
}

/** Columns of leading indentation (tabs stop every 4 columns, as in CommonMark) and where text starts. */
function indentation(line: string): { columns: number; start: number } {
  let columns = 0;
  let i = 0;
  for (; i < line.length; i++) {
    const c = line[i];
    if (c === ' ') columns += 1;
    else if (c === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return { columns, start: i };
}

function runLength(text: string, char: string): number {
  let n = 0;
  while (text[n] === char) n++;
  return n;
}

function fenceOpening(text: string): Fence | undefined {
  const char = text[0];
  if (char !== '`' && char !== '~') return undefined;
  const length = runLength(text, char);
  if (length < 3) return undefined;
  // A backtick "fence" with a backtick in its info string is inline code, not a fence.
  if (char === '`' && text.slice(length).includes('`')) return undefined;
  return { char, length };
}

function closesFence(text: string, fence: Fence): boolean {
  const length = runLength(text, fence.char);
  return length >= fence.length && text.slice(length).trim() === '';
}

function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

/** Splits lazily, so that a huge body is only read up to its first content line. */
function* lines(body: string): Generator<string> {
  let start = 0;
  while (start <= body.length) {
    const lf = body.indexOf('\n', start);
    const end = lf === -1 ? body.length : lf;
    const line = body.slice(start, end);
    yield line.endsWith('\r') ? line.slice(0, -1) : line;
    if (lf === -1) return;
    start = lf + 1;
  }
}

/**
 * The first content line with its indentation removed, plus its raw length; undefined when the
 * body has none outside code blocks and quotes.
 */
export function firstContentLine(body: string): { text: string; rawLength: number } | undefined {
  let fence: Fence | undefined;
  // After a quote line with text, a following plain line continues the quote ("lazy continuation").
  let quoteParagraph = false;
  for (const line of lines(body)) {
    const { columns, start } = indentation(line);
    const text = line.slice(start);
    if (fence) {
      if (columns < 4 && closesFence(text, fence)) fence = undefined;
      continue;
    }
    if (text === '') {
      quoteParagraph = false;
      continue;
    }
    if (columns >= 4) continue; // an indented code block, or a lazy continuation of a quote
    const opening = fenceOpening(text);
    if (opening) {
      fence = opening;
      quoteParagraph = false;
      continue;
    }
    if (text.startsWith('>')) {
      quoteParagraph = !isBlank(text.slice(1));
      continue;
    }
    if (quoteParagraph) continue;
    return { text, rawLength: line.length };
  }
  return undefined;
}
