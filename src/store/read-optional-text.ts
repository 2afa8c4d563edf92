import { readFileSync } from 'node:fs';

/** A file's text, or undefined when it does not exist; any other error (a permission, a directory) is thrown. */
export function readOptionalText(file: string | URL): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
