import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Process types of a Procfile (`web: node server.js`), in file order. */
export async function readProcfile(appDir: string): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  let text: string;
  try {
    text = await readFile(join(appDir, 'Procfile'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return types;
    throw error;
  }
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z0-9_-]+):\s*(.+)$/.exec(line.trim());
    if (match?.[1] && match[2]) types.set(match[1], match[2].trim());
  }
  return types;
}
