import { withEnvFile } from '../config/env-file.ts';
import { checkCommand } from './check-command.ts';
import { processOutput } from './cli-output.ts';
import { deploymentsCommand } from './deployments-command.ts';
import { doctorCommand } from './doctor-command.ts';
import { EXIT } from './exit-codes.ts';

const USAGE = `Usage: runway <command>

  runway check [file]                          validate a deploy config offline (default .github/deploy.yml)
  runway doctor                                check this installation's settings, GitHub App, Heroku token, S3, sandbox
  runway deployments <owner/repo> [environment]  GitHub's latest deployments and their last statuses
  runway help                                  this text

Run it inside a checkout as \`npx --no-install runway …\`. doctor and deployments read Runway's
settings from the environment over .env (RUNWAY_ENV_FILE names another file).`;

/** The `runway` CLI's entry (bin/runway.js): one command per file under src/cli/. */
async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'check':
      if (rest.length > 1) break;
      return checkCommand(rest[0], processOutput);
    case 'doctor':
      if (rest.length > 0) break;
      return doctorCommand(withEnvFile(process.env), processOutput);
    case 'deployments':
      if (rest.length < 1 || rest.length > 2) break;
      return deploymentsCommand(withEnvFile(process.env), { repository: rest[0]!, environment: rest[1] }, processOutput);
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
