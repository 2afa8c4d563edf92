import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { createAppDatabase, dropAppDatabases } from './app-database.ts';
import { AppLog } from './app-log.ts';
import { startAppProxy } from './app-proxy.ts';
import { FailureInjector, type InjectedResponse } from './fail-injection.ts';
import { NpmCache } from './npm-cache.ts';
import { redactorFor, type PlatformCore } from './platform-core.ts';
import type { AppState, SandboxRelease } from './platform-state.ts';
import { now } from './platform-state.ts';
import { createRelease } from './release-runner.ts';
import { startRendezvousServer } from './rendezvous-server.ts';
import { buildServer, type RequestRecord } from './server.ts';

export type { SandboxRelease } from './platform-state.ts';

export interface HerokuPlatformOptions {
  /** The only API token accepted (basic auth with an empty user, or `Bearer`). */
  token: string;
  /** Where apps, sources, slugs, logs and backups live. */
  workDir: string;
  /** npm ci results by package-lock.json hash (default `<repo>/.cache/heroku-sandbox`). */
  cacheDir?: string;
  /** Where each app's database is created (default postgres://postgres@127.0.0.1:5432/postgres). */
  adminDatabaseUrl?: string;
  port?: number;
  /** Keep the apps' databases on close (default: they are dropped). */
  keepDatabases?: boolean;
}

export interface SandboxAppView {
  releases: SandboxRelease[];
  currentRelease?: SandboxRelease;
  configVars: Record<string, string>;
  webUrl: string;
  databaseUrl?: string;
  backups: { id: string; file: string; createdAt: string }[];
}

export interface HerokuPlatform {
  /** Platform API base (heroku-client `host`). */
  url: string;
  /** Base of the data API used for backups (the same server). */
  dataApiUrl: string;
  createApp(
    name: string,
    opts?: { configVars?: Record<string, string>; database?: boolean },
  ): Promise<{ name: string; webUrl: string; databaseUrl?: string }>;
  app(name: string): SandboxAppView;
  failNext(method: string, pathPattern: RegExp, responses: InjectedResponse[]): void;
  requestLog: RequestRecord[];
  /** Stops every process and server it started; removes nothing from workDir. */
  close(): Promise<void>;
}

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export async function startHerokuPlatform(opts: HerokuPlatformOptions): Promise<HerokuPlatform> {
  const workDir = resolve(opts.workDir);
  const adminDatabaseUrl = opts.adminDatabaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  await mkdir(workDir, { recursive: true });
  const rendezvous = await startRendezvousServer();
  const releaseStreams: PlatformCore['releaseContext']['releaseStreams'] = new Map();
  const core: PlatformCore = {
    token: opts.token,
    workDir,
    url: '',
    apps: new Map(),
    npmCache: new NpmCache(opts.cacheDir ?? join(repoRoot, '.cache', 'heroku-sandbox')),
    rendezvous,
    sources: new Map(),
    buildStreams: new Map(),
    oneOffDynos: new Set(),
    background: new Set(),
    releaseContext: {
      workDir,
      releaseStreamUrl: (id) => `${core.url}/streams/releases/${id}`,
      releaseStreams,
      redactor: redactorFor,
    },
  };
  const injector = new FailureInjector();
  const requestLog: RequestRecord[] = [];
  const app = buildServer(core, injector, requestLog);
  const server: ServerType = await new Promise((ready) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: opts.port ?? 0 }, () => ready(s));
  });
  core.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const getApp = (name: string): AppState => {
    const state = core.apps.get(name);
    if (!state) throw new Error(`No sandbox app named ${name}`);
    return state;
  };

  return {
    url: core.url,
    dataApiUrl: core.url,
    requestLog,
    async createApp(name, appOpts = {}) {
      if (core.apps.has(name)) throw new Error(`App ${name} already exists`);
      const proxy = await startAppProxy();
      const redact = (text: string): string => redactorFor(state)(text);
      const state: AppState = {
        id: randomUUID(),
        name,
        createdAt: now(),
        updatedAt: now(),
        configVars: { ...appOpts.configVars },
        releaseConfig: new Map(),
        releases: [],
        builds: new Map(),
        dynos: new Map(),
        backups: [],
        proxy,
        log: new AppLog(join(workDir, 'logs', 'apps', `${name}.log`), redact),
        releaseQueue: Promise.resolve(),
      };
      if (appOpts.database ?? true) {
        state.database = await createAppDatabase(adminDatabaseUrl, name);
        state.configVars.DATABASE_URL = state.database.url;
      }
      core.apps.set(name, state);
      await createRelease(state, { description: 'Initial release' }, core.releaseContext);
      await state.releaseQueue;
      return { name, webUrl: proxy.webUrl, ...(state.database ? { databaseUrl: state.database.url } : {}) };
    },
    app(name) {
      const state = getApp(name);
      const current = state.releases.find((r) => r.current);
      return {
        releases: state.releases,
        ...(current ? { currentRelease: current } : {}),
        configVars: state.configVars,
        webUrl: state.proxy.webUrl,
        ...(state.database ? { databaseUrl: state.database.url } : {}),
        backups: state.backups.filter((b) => b.succeeded).map((b) => ({ id: String(b.num), file: b.file, createdAt: b.createdAt })),
      };
    },
    failNext(method, pathPattern, responses) {
      injector.add(method, pathPattern, responses);
    },
    async close() {
      await Promise.allSettled([...core.background]);
      const apps = [...core.apps.values()];
      await Promise.allSettled(apps.map((a) => a.releaseQueue));
      const stops: Promise<unknown>[] = [];
      for (const a of apps) {
        if (a.web?.process) stops.push(a.web.process.stop());
        for (const dyno of a.dynos.values()) if (dyno.process) stops.push(dyno.process.stop());
      }
      for (const dyno of core.oneOffDynos) if (dyno.process) stops.push(dyno.process.stop());
      await Promise.all(stops);
      for (const a of apps) {
        a.log.close();
        await a.proxy.close();
      }
      await rendezvous.close();
      await new Promise<void>((done) => {
        server.close(() => done());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      if (!opts.keepDatabases)
        await dropAppDatabases(
          adminDatabaseUrl,
          apps.flatMap((a) => (a.database ? [a.database.name] : [])),
        );
    },
  };
}
