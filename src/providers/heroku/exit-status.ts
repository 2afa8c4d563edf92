/**
 * One-off dynos report no exit code through the API. Like `heroku run --exit-code`, the command
 * echoes its status behind a U+FFFF sentinel that ordinary output does not contain, and the
 * status is read back from the output.
 */
const sentinel = '\uFFFF heroku-command-exit-status';

export function withExitStatus(command: string): string {
  return `${command}; echo "${sentinel}: $?"`;
}

export interface ExitLine {
  /** Output that preceded the marker on the same line (a last line without a newline). */
  before: string;
  status: number;
}

/** Reads the marker out of one line of output; older CLIs wrote it without the colon. */
export function readExitStatus(line: string): ExitLine | undefined {
  const at = line.indexOf(sentinel);
  if (at < 0) return undefined;
  const match = /^:? (\d+)\s*$/.exec(line.slice(at + sentinel.length));
  if (!match?.[1]) return undefined;
  return { before: line.slice(0, at), status: Number(match[1]) };
}
