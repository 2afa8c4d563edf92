import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/** Where `npm run setup` writes the App's settings and `npm start` reads them: `RUNWAY_ENV_FILE`, default `.env`. */
export const DEFAULT_ENV_FILE = '.env';

export type EnvFile = { found: true; values: Record<string, string> } | { found: false };

/** Reads a dotenv file (Node's own parser: quotes, `\n` escapes, comments). A missing file is not an error. */
export function readEnvFile(file: string): EnvFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { found: false };
    throw new Error(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return { found: true, values: parseEnv(text) as Record<string, string> };
}

/**
 * The environment Runway runs with: the file's values under the process's own (a variable set in
 * the environment wins, as with dotenv, so a host's settings override a stale file).
 */
export function withEnvFile(
  env: Readonly<Record<string, string | undefined>>,
  file: string = env.RUNWAY_ENV_FILE || DEFAULT_ENV_FILE,
): Record<string, string | undefined> {
  const read = readEnvFile(file);
  return read.found ? { ...read.values, ...env } : { ...env };
}
