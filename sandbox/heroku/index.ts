import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { dropAppDatabases } from './app-database.ts';
import { attachDatabase, createAppState } from './app-lifecycle.ts';
import { FailureInjector, type InjectedResponse } from './fail-injection.ts';
import { NpmCache } from './npm-cache.ts';
import { redactorFor, type PlatformCore } from './platform-core.ts';
import type { AppState, SandboxRelease } from './platform-state.ts';
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
  /** The account's app quota (default 100, Heroku's for a verified account): one more answers 422. */
  appQuota?: number;
  /**
   * How long a build's or release's status stays `pending` after its output stream ended (default
   * 0). Heroku's can lag by a moment; a client must not take the stream's end for the status.
   */
  statusLagMs?: number;
}

export interface SandboxAppView {
  id: string;
  releases: SandboxRelease[];
  currentRelease?: SandboxRelease;
  configVars: Record<string, string>;
  webUrl: string;
  databaseUrl?: string;
  /** The PostgreSQL database and role of its heroku-postgresql add-on. */
  database?: { name: string; role: string; plan: string };
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
  ): Promise<{ name: string; id: string; webUrl: string; databaseUrl?: string }>;
  app(name: string): SandboxAppView;
  /** Whether an app of that name exists now (apps come and go through `POST` and `DELETE /apps`). */
  hasApp(name: string): boolean;
  setAppQuota(quota: number): void;
  failNext(method: string, pathPattern: RegExp, responses: InjectedResponse[]): void;
  /** The next output stream request whose path matches loses its connection after `afterBytes` bytes. */
  cutNextStream(pathPattern: RegExp, afterBytes: number): void;
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
    adminDatabaseUrl,
    appQuota: opts.appQuota ?? 100,
    url: '',
    apps: new Map(),
    npmCache: new NpmCache(opts.cacheDir ?? join(repoRoot, '.cache', 'heroku-sandbox')),
    rendezvous,
    sources: new Map(),
    buildStreams: new Map(),
    streamCuts: [],
    slugs: new Map(),
    oneOffDynos: new Set(),
    background: new Set(),
    releaseContext: {
      workDir,
      releaseStreamUrl: (id) => `${core.url}/streams/releases/${id}`,
      releaseStreams,
      redactor: redactorFor,
      statusLagMs: opts.statusLagMs ?? 0,
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
      const state = await createAppState(core, name, appOpts.configVars);
      if (appOpts.database ?? true) await attachDatabase(core, state);
      return { name, id: state.id, webUrl: state.proxy.webUrl, ...(state.database ? { databaseUrl: state.database.url } : {}) };
    },
    hasApp: (name) => core.apps.has(name),
    setAppQuota(quota) {
      core.appQuota = quota;
    },
    app(name) {
      const state = getApp(name);
      const current = state.releases.find((r) => r.current);
      return {
        id: state.id,
        releases: state.releases,
        ...(current ? { currentRelease: current } : {}),
        configVars: state.configVars,
        webUrl: state.proxy.webUrl,
        ...(state.database
          ? {
              databaseUrl: state.database.url,
              database: { name: state.database.name, role: state.database.role, plan: state.database.plan },
            }
          : {}),
        backups: state.backups.filter((b) => b.succeeded).map((b) => ({ id: String(b.num), file: b.file, createdAt: b.createdAt })),
      };
    },
    failNext(method, pathPattern, responses) {
      injector.add(method, pathPattern, responses);
    },
    cutNextStream(pathPattern, afterBytes) {
      core.streamCuts.push({ pathPattern, afterBytes });
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
          apps.flatMap((a) => (a.database ? [a.database] : [])),
        );
    },
  };
}
