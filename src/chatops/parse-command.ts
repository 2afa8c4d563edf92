import { durationMinutes } from '../flow/duration.ts';
import { isCommandKind, usages, type Command, type CommandKind, type ParseResult } from './command.ts';
import { firstContentLine } from './command-line.ts';
import { isEnvironmentName, refProblem, rollbackTarget } from './names.ts';
import { suggestCommand } from './suggest.ts';
import { tokenize, type Token } from './tokenize.ts';

const maxBodyLength = 64 * 1024;
const maxLineLength = 1000;
const maxReasonLength = 200;
/** The longest lock with an end: 90 days. */
const maxLockMinutes = 90 * 24 * 60;

/** An expected parse failure inside a command's grammar; becomes a `bad_arguments` result. */
class BadArguments extends Error {}

/** Quotes a user's word for a message: short, on one line, without backticks that would break the code span. */
function quote(word: string): string {
  const short = word.length > 40 ? `${word.slice(0, 40)}…` : word;
  return `\`${short.replace(/`/g, "'")}\``;
}

/** A cursor over the argument tokens of one command line, with the grammar's building blocks. */
class Arguments {
  private index = 0;
  private readonly flags = new Set<string>();

  constructor(
    private readonly line: string,
    private readonly tokens: readonly Token[],
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  /** The next positional word; flags met on the way are collected, so they may stand anywhere. */
  private nextWord(): Token | undefined {
    for (let token = this.peek(); token; token = this.peek()) {
      if (token.type !== 'flag') return token;
      this.flags.add(token.text.toLowerCase());
      this.index++;
    }
    return undefined;
  }

  atKeyword(keyword: string): boolean {
    return this.nextWord()?.text.toLowerCase() === keyword;
  }

  optionalWord(): string | undefined {
    const token = this.nextWord();
    if (token) this.index++;
    return token?.text;
  }

  environment(what = 'an environment'): string {
    const word = this.optionalWord();
    if (word === undefined) throw new BadArguments(`expected ${what}`);
    if (!isEnvironmentName(word)) {
      throw new BadArguments(`${quote(word)} is not an environment name (letters, digits, . _ -; at most 64)`);
    }
    return word;
  }

  optionalEnvironment(): string | undefined {
    return this.nextWord() ? this.environment() : undefined;
  }

  /** `to <env>` after an optional word: the keyword `to` is never taken for a ref. */
  optionalTo(parseTarget: () => void): void {
    if (!this.atKeyword('to')) return;
    this.index++;
    parseTarget();
  }

  /** Takes `flag` when it is the very next token (`/lock --all`), before any word. */
  leadingFlag(flag: string): boolean {
    if (this.peek()?.type !== 'flag' || this.peek()?.text.toLowerCase() !== flag) return false;
    this.index++;
    return true;
  }

  /**
   * `for <n>m|h|d` right here, in minutes. Only that form is a duration: `for the demo` is left for
   * the reason, and flags are not collected on the way (they belong to the reason too).
   */
  optionalDuration(): number | undefined {
    const keyword = this.tokens[this.index];
    const amount = this.tokens[this.index + 1];
    if (keyword?.text.toLowerCase() !== 'for' || !amount) return undefined;
    const minutes = durationMinutes(amount.text);
    if (minutes === undefined) return undefined;
    this.index += 2;
    if (minutes < 1) throw new BadArguments('a lock with an end lasts at least 1m');
    if (minutes > maxLockMinutes) throw new BadArguments('a lock with an end lasts at most 90d (leave out `for` for a lock until /unlock)');
    return minutes;
  }

  /** The rest of the line after the current token, as the user wrote it. */
  restOfLine(): string {
    const token = this.peek();
    this.index = this.tokens.length;
    return token ? this.line.slice(token.start).trim() : '';
  }

  /** Ends the command: nothing but the allowed flags may remain. Returns whether `--dry-run` was given. */
  end(allowedFlags: readonly string[]): boolean {
    const extra = this.nextWord();
    if (extra) throw new BadArguments(`unexpected ${quote(extra.text)}`);
    return this.checkFlags(allowedFlags);
  }

  checkFlags(allowedFlags: readonly string[]): boolean {
    for (const flag of this.flags) {
      if (!allowedFlags.includes(flag)) throw new BadArguments(`unknown option ${quote(flag)}`);
    }
    return this.flags.has('--dry-run');
  }

  /** Whether a flag was given (call after `end` or `checkFlags`, which refuse unknown ones). */
  has(flag: string): boolean {
    return this.flags.has(flag);
  }
}

function parseDeploy(args: Arguments): Command {
  let ref: string | undefined;
  let environment: string | undefined;
  if (!args.atKeyword('to')) {
    ref = args.optionalWord();
    if (ref !== undefined) {
      const problem = refProblem(ref);
      if (problem) throw new BadArguments(`${quote(ref)} is not a valid git ref: it ${problem}`);
    }
  }
  args.optionalTo(() => {
    environment = args.environment('an environment after `to`');
  });
  const dryRun = args.end(['--dry-run', '--skip-checks', '--force']);
  return {
    kind: 'deploy',
    ...(ref !== undefined && { ref }),
    ...(environment !== undefined && { environment }),
    dryRun,
    ...(args.has('--skip-checks') && { skipChecks: true }),
    ...(args.has('--force') && { force: true }),
  };
}

/** `/cancel <environment|deployment id> [--no-undo]`: a word of digits only is a deployment id. */
function parseCancel(args: Arguments): Command {
  const word = args.optionalWord();
  if (word === undefined) throw new BadArguments('expected an environment or a deployment id');
  const target = rollbackTarget(word);
  let parsed: Extract<Command, { kind: 'cancel' }>['target'];
  if (target && 'deploymentId' in target) parsed = target;
  else if (isEnvironmentName(word)) parsed = { environment: word };
  else throw new BadArguments(`${quote(word)} is neither an environment name nor a deployment id`);
  args.end(['--no-undo']);
  return { kind: 'cancel', target: parsed, undo: !args.has('--no-undo') };
}

function parseRollback(args: Arguments): Command {
  const environment = args.environment();
  let to: { sha: string } | { deploymentId: number } | undefined;
  args.optionalTo(() => {
    const word = args.optionalWord();
    if (word === undefined) throw new BadArguments('expected a sha or a deployment id after `to`');
    to = rollbackTarget(word);
    if (!to) throw new BadArguments(`${quote(word)} is neither a sha (7–40 hex digits) nor a deployment id`);
  });
  const dryRun = args.end(['--dry-run']);
  return { kind: 'rollback', environment, ...(to && { to }), dryRun };
}

function parseLock(args: Arguments): Command {
  const all = args.leadingFlag('--all');
  const environment = all ? undefined : args.environment();
  args.checkFlags([]);
  const minutes = args.optionalDuration();
  const reason = args.restOfLine();
  if ([...reason].length > maxReasonLength) throw new BadArguments(`the reason is longer than ${maxReasonLength} characters`);
  const rest = { ...(minutes !== undefined && { minutes }), ...(reason !== '' && { reason }) };
  return environment === undefined ? { kind: 'lock', all: true, ...rest } : { kind: 'lock', environment, ...rest };
}

/** `/promote <from> to <to> [--dry-run]`: both environments are required, and `to` between them. */
function parsePromote(args: Arguments): Command {
  const from = args.environment('the environment to promote from');
  if (!args.atKeyword('to')) throw new BadArguments('expected `to <environment>` after the environment to promote from');
  let to = '';
  args.optionalTo(() => {
    to = args.environment('an environment after `to`');
  });
  if (to.toLowerCase() === from.toLowerCase()) throw new BadArguments('an environment cannot be promoted to itself');
  const dryRun = args.end(['--dry-run']);
  return { kind: 'promote', from, to, dryRun };
}

const grammar: Readonly<Record<CommandKind, (args: Arguments) => Command>> = {
  deploy: parseDeploy,
  redeploy: (args) => {
    const environment = args.environment();
    return { kind: 'redeploy', environment, dryRun: args.end(['--dry-run']) };
  },
  rollback: parseRollback,
  lock: parseLock,
  unlock: (args) => {
    const environment = args.environment();
    args.end([]);
    return { kind: 'unlock', environment };
  },
  status: (args) => {
    const environment = args.optionalEnvironment();
    args.end([]);
    return { kind: 'status', ...(environment !== undefined && { environment }) };
  },
  // Words after /help (`/help deploy`) are harmless: the whole help answers them.
  help: () => ({ kind: 'help' }),
  cancel: parseCancel,
  resume: (args) => {
    const environment = args.environment();
    args.end([]);
    return { kind: 'resume', environment };
  },
  preview: (args) => {
    args.end([]);
    return { kind: 'preview' };
  },
  promote: parsePromote,
};

/** Reads the command of an issue or pull-request comment. Never throws. */
export function parseCommand(body: string): ParseResult {
  const line = firstContentLine(body);
  if (!line?.text.startsWith('/')) return { ok: false, reason: 'not_a_command' };
  // The command token is cut from a bounded prefix, so that a huge line costs nothing to reject.
  const head = tokenize(line.text.slice(0, 64))[0];
  if (head?.type !== 'command') return { ok: false, reason: 'not_a_command' };
  const word = head.text.slice(1).toLowerCase();
  if (!isCommandKind(word)) {
    const suggestion = suggestCommand(word);
    return { ok: false, reason: 'unknown_command', word, ...(suggestion && { suggestion }) };
  }
  const bad = (message: string): ParseResult => ({ ok: false, reason: 'bad_arguments', command: word, message, usage: usages[word] });
  if (Buffer.byteLength(body, 'utf8') > maxBodyLength) return bad('the comment is longer than 64 KiB');
  if (line.rawLength > maxLineLength) return bad(`the command line is longer than ${maxLineLength} characters`);
  try {
    return { ok: true, command: grammar[word](new Arguments(line.text, tokenize(line.text).slice(1))) };
  } catch (error) {
    if (error instanceof BadArguments) return bad(error.message);
    throw error;
  }
}
