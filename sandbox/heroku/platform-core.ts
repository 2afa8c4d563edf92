import type { LogStream } from './log-stream.ts';
import type { NpmCache } from './npm-cache.ts';
import type { AppState, SandboxDyno, SandboxSlug } from './platform-state.ts';
import type { ReleaseContext } from './release-runner.ts';
import type { RendezvousServer } from './rendezvous-server.ts';
import type { StreamCut } from './routes/streams.ts';

/** What the routes share: the platform's state and services. */
export interface PlatformCore {
  readonly token: string;
  readonly workDir: string;
  /** Where each app's database and role are created (the heroku-postgresql add-on). */
  readonly adminDatabaseUrl: string;
  /** The account's app quota: creating one more app answers 422, as Heroku does. */
  appQuota: number;
  /** Base URL of this server, filled in once it listens. */
  url: string;
  readonly apps: Map<string, AppState>;
  readonly npmCache: NpmCache;
  readonly rendezvous: RendezvousServer;
  /** Source blobs uploaded through `put_url`, by id, with the secret that signs their URLs. */
  readonly sources: Map<string, { file: string; secret: string; uploaded: boolean }>;
  readonly buildStreams: Map<string, LogStream>;
  /** Output streams to break mid-way (`cutNextStream`), each used once. */
  readonly streamCuts: StreamCut[];
  /** Every slug a build made, by id, for releases of the same slug on another app (promotion). */
  readonly slugs: Map<string, SandboxSlug>;
  readonly releaseContext: ReleaseContext;
  readonly oneOffDynos: Set<SandboxDyno>;
  /** Work started in the background (builds), awaited on close. */
  readonly background: Set<Promise<unknown>>;
}

/** Values long enough to be secrets are replaced in every log the platform keeps. */
export function redactorFor(app: AppState): (text: string) => string {
  return (text) => {
    let out = text;
    for (const value of Object.values(app.configVars)) {
      if (value.length >= 8) out = out.split(value).join('[REDACTED]');
    }
    return out;
  };
}

export function findApp(core: PlatformCore, idOrName: string): AppState | undefined {
  const byName = core.apps.get(idOrName);
  if (byName) return byName;
  for (const app of core.apps.values()) if (app.id === idOrName) return app;
  return undefined;
}
