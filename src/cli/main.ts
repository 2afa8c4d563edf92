import { checkCommand } from './check-command.ts';
import { processOutput } from './cli-output.ts';
import { EXIT } from './exit-codes.ts';

const USAGE = `Usage: runway <command>

  runway check [file]                          validate a deploy config offline (default .github/deploy.yml)
  runway help                                  this text

Run it inside a checkout as \`npx --no-install runway …\`.`;

/** The `runway` CLI's entry (bin/runway.js): one command per file under src/cli/. */
async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'check':
      if (rest.length > 1) break;
      return checkCommand(rest[0], processOutput);
    case 'help':
    case '--help':
    case '-h':
      processOutput.print(USAGE);
      return EXIT.ok;
  }
  processOutput.error(command === undefined ? USAGE : `runway: unknown command or arguments "${args.join(' ')}"\n\n${USAGE}`);
  return EXIT.usage;
}

process.exitCode = await run(process.argv.slice(2));
