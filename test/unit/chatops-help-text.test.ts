import { describe, expect, it } from 'vitest';
import { formatParseError, helpText, parseCommand, usages, type ParseFailure } from '../../src/chatops/index.ts';

function failure(body: string): ParseFailure {
  const result = parseCommand(body);
  if (result.ok) throw new Error(`${body} parsed`);
  return result;
}

describe('helpText', () => {
  it('lists every command and the repository environments', () => {
    const text = helpText(['production', 'staging']);
    for (const usage of Object.values(usages)) expect(text).toContain(`\`${usage}\``);
    expect(text).toContain('`production`, `staging`');
    expect(text).toContain('--dry-run');
  });

  it('says when there are no environments', () => {
    expect(helpText([])).toContain('no environments');
  });
});

describe('formatParseError', () => {
  it('suggests the closest command and points to /help', () => {
    const reply = formatParseError(failure('/deplyo main'));
    expect(reply).toContain('`/deplyo`');
    expect(reply).toContain(usages.deploy);
    expect(reply).toContain('`/help`');
  });

  it('says what was wrong with the arguments, with the usage', () => {
    const reply = formatParseError(failure('/rollback prod to main'));
    expect(reply).toContain('`main` is neither a sha');
    expect(reply).toContain(usages.rollback);
    expect(reply).toContain('`/help`');
  });

  it('stays one line and never lets user text break out of its code span', () => {
    const reply = formatParseError(failure('/deploy `@everyone`;'));
    expect(reply).not.toContain('\n');
    expect(reply).not.toContain('`@everyone`');
  });

  it('answers an unknown command without a suggestion', () => {
    expect(formatParseError(failure('/shrug'))).toBe('Unknown command `/shrug`. Comment `/help` to see the commands.');
  });
});

describe('docs/commands.md', () => {
  it('documents every command with the usage the parser answers with', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../docs/commands.md', import.meta.url), 'utf8');
    // Inside a markdown table a | is written \|.
    for (const usage of Object.values(usages)) expect(doc).toContain(`\`${usage.replace(/\|/g, '\\|')}\``);
  });
});
