export type { Command, CommandKind, ParseFailure, ParseResult } from './command.ts';
export { usages } from './command.ts';
export { parseCommand } from './parse-command.ts';
export { helpText } from './help-text.ts';
export { formatParseError } from './format-parse-error.ts';
