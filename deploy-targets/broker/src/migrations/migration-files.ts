import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface MigrationFile {
  version: number;
  file: string;
  sql: string;
  checksum: string;
}

const fileName = /^(\d+)_[A-Za-z0-9_-]+\.sql$/;

export class MigrationFilesError extends Error {
  override name = 'MigrationFilesError';
}

/** Reads `NNN_name.sql` files in version order; any other `.sql` name or a repeated version is an error. */
export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql'));
  const files: MigrationFile[] = [];
  for (const file of names) {
    const match = fileName.exec(file);
    if (!match?.[1]) throw new MigrationFilesError(`${file}: migration files are named NNN_description.sql`);
    const sql = await readFile(path.join(dir, file), 'utf8');
    files.push({ version: Number(match[1]), file, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  files.sort((a, b) => a.version - b.version);
  for (let i = 1; i < files.length; i++) {
    const [prev, cur] = [files[i - 1], files[i]];
    if (prev && cur && prev.version === cur.version) {
      throw new MigrationFilesError(`${prev.file} and ${cur.file} share version ${cur.version}`);
    }
  }
  return files;
}
