import { randomBytes } from 'node:crypto';
import { chmod, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseEnv } from 'node:util';

/** What the manifest conversion gives Runway, as the settings `npm start` reads. */
export interface AppSettings {
  APP_ID: string;
  PRIVATE_KEY: string;
  WEBHOOK_SECRET: string;
  GITHUB_CLIENT_ID: string;
  GITHUB_CLIENT_SECRET: string;
}

export type StoreResult =
  | { ok: true; file: string; added: string[] }
  | { ok: false; reason: 'app-exists'; file: string; appId: string }
  | { ok: false; reason: 'unwritable'; file: string; message: string };

/** Quoted for a dotenv file: one line, newlines as `\n` (Node's parser and dotenv turn them back). */
const quote = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/**
 * Adds the App's settings to the env file, mode 0600, without ever replacing an App already in it.
 * The file's other lines are kept; a sign-in session secret and an operator token are generated when
 * the file has none (GitHub sign-in needs the first). The new file is written beside the old one
 * and renamed over it, so a failure leaves the old file as it was.
 */
export async function storeAppSettings(file: string, app: AppSettings): Promise<StoreResult> {
  let before = '';
  try {
    before = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return unwritable(file, error);
  }
  const existing = parseEnv(before) as Record<string, string>;
  if (existing.APP_ID) return { ok: false, reason: 'app-exists', file, appId: existing.APP_ID };
  const added: Record<string, string> = { ...app };
  if (!existing.RUNWAY_SESSION_SECRET) added.RUNWAY_SESSION_SECRET = randomBytes(32).toString('hex');
  if (!existing.RUNWAY_ADMIN_TOKEN) added.RUNWAY_ADMIN_TOKEN = randomBytes(32).toString('hex');
  const lines = [
    `# GitHub App registered by \`npm run setup\` on ${new Date().toISOString()}`,
    ...Object.entries(added).map(([name, value]) => `${name}=${quote(value)}`),
  ];
  const text = `${before}${before && !before.endsWith('\n') ? '\n' : ''}${lines.join('\n')}\n`;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, 0o600);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    return unwritable(file, error);
  }
  return { ok: true, file, added: Object.keys(added) };
}

function unwritable(file: string, error: unknown): StoreResult {
  const e = error as NodeJS.ErrnoException;
  return { ok: false, reason: 'unwritable', file, message: e.code ?? e.message };
}
