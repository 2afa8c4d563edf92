import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createAppDatabase, dropAppDatabases } from './app-database.ts';
import { AppLog } from './app-log.ts';
import { startAppProxy } from './app-proxy.ts';
import { redactorFor, type PlatformCore } from './platform-core.ts';
import { now, type AppState } from './platform-state.ts';
import { createRelease } from './release-runner.ts';

/** Heroku's rule for app names: 3 to 30 characters, a lowercase letter first, then letters, digits and dashes. */
export const HEROKU_APP_NAME = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;

/** Makes an app (router port, log, release v1 "Initial release"), and registers it under its name. */
export async function createAppState(core: PlatformCore, name: string, configVars: Record<string, string> = {}): Promise<AppState> {
  const proxy = await startAppProxy();
  const redact = (text: string): string => redactorFor(state)(text);
  const state: AppState = {
    id: randomUUID(),
    name,
    createdAt: now(),
    updatedAt: now(),
    configVars: { ...configVars },
    releaseConfig: new Map(),
    releases: [],
    builds: new Map(),
    dynos: new Map(),
    backups: [],
    proxy,
    log: new AppLog(join(core.workDir, 'logs', 'apps', `${name}.log`), redact),
    releaseQueue: Promise.resolve(),
  };
  core.apps.set(name, state);
  await createRelease(state, { description: 'Initial release' }, core.releaseContext);
  await state.releaseQueue;
  return state;
}

/** Provisions the heroku-postgresql add-on: a database and role of the app's own, `DATABASE_URL` set. */
export async function attachDatabase(core: PlatformCore, app: AppState, plan?: string): Promise<void> {
  app.database = await createAppDatabase(core.adminDatabaseUrl, app.name, plan);
  app.configVars.DATABASE_URL = app.database.url;
}

/**
 * Destroys an app as `DELETE /apps/{app}` does: its processes stop, its router closes, and its
 * add-ons go with it (the database and its role are dropped).
 */
export async function destroyApp(core: PlatformCore, app: AppState): Promise<void> {
  core.apps.delete(app.name);
  await app.releaseQueue.catch(() => undefined);
  const stops: Promise<unknown>[] = [];
  if (app.web?.process) stops.push(app.web.process.stop());
  for (const dyno of app.dynos.values()) if (dyno.process) stops.push(dyno.process.stop());
  await Promise.all(stops);
  app.log.close();
  await app.proxy.close();
  if (app.database) await dropAppDatabases(core.adminDatabaseUrl, [app.database]);
}
