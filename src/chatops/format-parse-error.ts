import { usages, type ParseFailure } from './command.ts';

/** One short reply to a comment Runway could not accept: what was wrong, the closest command, and `/help`. */
export function formatParseError(result: ParseFailure): string {
  switch (result.reason) {
    case 'not_a_command':
      return 'That is not a Runway command. Comment `/help` to see the commands.';
    case 'unknown_command': {
      const closest = result.suggestion ? ` Did you mean \`${usages[result.suggestion]}\`?` : '';
      return `Unknown command \`/${result.word}\`.${closest} Comment \`/help\` to see the commands.`;
    }
    case 'bad_arguments':
      return `Could not read \`/${result.command}\`: ${result.message}. Usage: \`${result.usage}\`. Comment \`/help\` for more.`;
  }
}
