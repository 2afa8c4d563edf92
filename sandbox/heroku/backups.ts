import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppState, SandboxBackup } from './platform-state.ts';
import { now } from './platform-state.ts';

/** Starts `pg_dump -Fc` of the app's database into workDir (as `pg:backups:capture` does on Heroku). */
export async function captureBackup(app: AppState, workDir: string): Promise<SandboxBackup> {
  const database = app.database;
  if (!database) throw new Error(`${app.name} has no database`);
  const num = (app.backups.at(-1)?.num ?? 0) + 1;
  const dir = join(workDir, 'backups', app.name);
  await mkdir(dir, { recursive: true });
  const backup: SandboxBackup = {
    num,
    uuid: randomUUID(),
    file: join(dir, `b${String(num).padStart(3, '0')}.dump`),
    createdAt: now(),
    startedAt: now(),
    finishedAt: null,
    succeeded: false,
    sourceBytes: null,
  };
  app.backups.push(backup);
  // The credentials go through the environment, not argv, so they never show in a process listing.
  execFile(
    'pg_dump',
    ['-Fc', '--no-owner', '-f', backup.file],
    { env: { ...process.env, ...libpqEnv(database.url) } },
    (error, _stdout, stderr) => {
      const done = (ok: boolean, bytes: number | null, message?: string): void => {
        backup.finishedAt = now();
        backup.succeeded = ok;
        backup.sourceBytes = bytes;
        if (message) backup.error = message;
      };
      if (error) {
        done(false, null, stderr.trim().split('\n')[0] ?? error.message);
        return;
      }
      stat(backup.file).then(
        (info) => done(true, info.size),
        (statError: Error) => done(false, null, statError.message),
      );
    },
  );
  return backup;
}

function libpqEnv(url: string): Record<string, string> {
  const parsed = new URL(url);
  return {
    PGHOST: parsed.hostname,
    PGPORT: parsed.port || '5432',
    PGUSER: decodeURIComponent(parsed.username),
    PGPASSWORD: decodeURIComponent(parsed.password),
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)),
  };
}

/** The data API's transfer object for a backup. */
export function transferJson(app: AppState, backup: SandboxBackup): Record<string, unknown> {
  return {
    uuid: backup.uuid,
    num: backup.num,
    name: `b${String(backup.num).padStart(3, '0')}`,
    from_name: 'DATABASE',
    from_type: 'pg_dump',
    to_name: 'BACKUP',
    to_type: 'gof3r',
    options: {},
    source_bytes: backup.sourceBytes,
    processed_bytes: backup.sourceBytes,
    succeeded: backup.succeeded,
    warnings: 0,
    created_at: backup.createdAt,
    started_at: backup.startedAt,
    updated_at: backup.finishedAt ?? backup.startedAt,
    finished_at: backup.finishedAt,
    canceled_at: null,
    deleted_at: null,
    purged_at: null,
    schedule: null,
    app_name: app.name,
    logs: backup.error ? [{ level: 'error', message: backup.error, created_at: backup.finishedAt }] : [],
  };
}
