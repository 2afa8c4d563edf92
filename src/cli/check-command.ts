import { readFile } from 'node:fs/promises';
import { DEPLOY_CONFIG_PATH, parseDeployConfig } from '../config/parse-deploy-config.ts';
import { formatYamlProblems } from '../config/parse-yaml-document.ts';
import type { CliOutput } from './cli-output.ts';
import { EXIT } from './exit-codes.ts';

/**
 * `runway check [file]`: validates a deploy config offline, with the messages a deployment would
 * fail with (`file:line:column field: message`). Exit 0 valid, 1 invalid, 2 unreadable.
 */
export async function checkCommand(file: string | undefined, out: CliOutput): Promise<number> {
  const target = file ?? DEPLOY_CONFIG_PATH;
  let text: string;
  try {
    text = await readFile(target, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    out.error(`${target}: cannot read it (${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)})`);
    return EXIT.usage;
  }
  const parsed = parseDeployConfig(text);
  if (!parsed.ok) {
    out.error(formatYamlProblems(target, parsed.problems));
    return EXIT.problems;
  }
  const names = Object.keys(parsed.config.environments);
  out.print(`${target}: valid (${names.length} environment${names.length === 1 ? '' : 's'}: ${names.join(', ')})`);
  return EXIT.ok;
}
