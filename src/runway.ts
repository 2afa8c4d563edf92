import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from 'pino';
import { runwayApp } from './app.ts';
import { openArtifactStore } from './artifacts/open-artifact-store.ts';
import { settingsSecrets, type Settings } from './config/settings.ts';
import type { DeploymentObserver } from './deployments/deployment-observer.ts';
import { prCommentObserver } from './deployments/pr-comment-observer.ts';
import { supersededCommentsObserver } from './flow/superseded-comments-observer.ts';
import { previewCommentObserver } from './previews/preview-comment-observer.ts';
import { removeOrphanWork } from './deployments/remove-orphan-work.ts';
import type { DeploymentServices } from './deployments/run-deployment.ts';
import { jobHandlers } from './jobs/job-handlers.ts';
import { createLogger } from './log/logger.ts';
import { Redactor } from './log/redactor.ts';
import { notifyObserver } from './notifiers/notify-observer.ts';
import { readBuildInfo } from './server/build-info.ts';
import { createResourceGate } from './policy/resource-gate.ts';
import { startRedelivery, type RedeliveryScheduler } from './redelivery/redelivery-scheduler.ts';
import { createProbot } from './server/github-app.ts';
import { SERVER_TIMEOUTS } from './server/server-timeouts.ts';
import { createWebhookEndpoint, WEBHOOK_STORE_CONNECTIONS } from './server/webhook-endpoint.ts';
import { WEBHOOK_PATH } from './server/webhook-gate.ts';
import { CommandSandbox } from './sandbox/command-sandbox.ts';
import { holdLauncher, stopLauncher } from './shell/launcher.ts';
import type { Database } from './store/database.ts';
import { ensureRecurringJob, JobQueue } from './store/job-queue.ts';
import { openDatabase } from './store/open-database.ts';
import { openStoreWhenUp } from './store/open-store-when-up.ts';
import { githubWebUrl } from './web/github-web-url.ts';
import { createWebApp } from './web/web-app.ts';
import { WebhookFirst } from './worker/webhook-first.ts';
import { Worker } from './worker/worker.ts';

export interface RunningRunway {
  url: string;
  port: number;
  db: Database;
  worker: Worker;
  /** Missed-webhook redelivery; undefined when `RUNWAY_REDELIVERY_INTERVAL_SECONDS=0`. */
  redelivery: RedeliveryScheduler | undefined;
  log: Logger;
  close(): Promise<void>;
}

/**
 * Opens the store, then serves Probot's webhook endpoint and Runway's pages on one port and starts
 * the worker. Everything is built here from `settings`; nothing below reads the environment.
 */
export async function startRunway(
  settings: Settings,
  /** `clock`: the clock that check waits, lock ends and freeze windows are read from; tests inject one. */
  options: { observers?: DeploymentObserver[]; clock?: () => Date } = {},
): Promise<RunningRunway> {
  const clock = options.clock ?? (() => new Date());
  const redactor = new Redactor(settingsSecrets(settings));
  const log = createLogger({ level: settings.logLevel, redactor });
  // Before the store makes this process large: starting git is cheapest now.
  const build = readBuildInfo();
  // The command launcher itself starts with the first command (src/shell/launcher.ts).
  holdLauncher();
  const openStore = () => openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  // A shared PostgreSQL may be restarting, or starting beside Runway: waited for (bounded); the embedded store starts its own.
  const db = await (settings.databaseUrl ? openStoreWhenUp(openStore, { log }) : openStore()).catch((error: unknown) => {
    stopLauncher();
    throw error;
  });
  let server: Server | undefined;
  try {
    const { github, appClient } = createProbot(settings, log);
    const workDir = path.join(settings.dataDir, 'work');
    const orphans = await removeOrphanWork(db, workDir).catch((error: unknown) => {
      log.error({ err: error, workDir }, 'could not remove the work left by a crash');
      return undefined;
    });
    if (orphans && orphans.checkouts.length + orphans.partialBuilds.length > 0)
      log.info({ removed: orphans }, 'removed work left by a crash');
    // The retention purge and the lock expiry are recurring jobs; the first replica to start puts each in line.
    await ensureRecurringJob(db, 'purge');
    await ensureRecurringJob(db, 'lock_expiry');
    const workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    const queue = new JobQueue(db, workerId, settings.jobLeaseSeconds);
    let publicUrl = settings.publicUrl ?? '';
    let wakeWorker: () => void = () => undefined;
    const logUrl = (id: number) => `${publicUrl}/deployments/${id}`;
    const resources = createResourceGate({ db, policy: settings.policy, log });
    const notify = notifyObserver({
      github,
      redactor,
      resources,
      log: log.child({ name: 'notify' }),
      serverEnv: settings.serverEnv,
      logUrl,
    });
    const sandbox = new CommandSandbox({ ...settings.sandbox, dataDir: settings.dataDir });
    const artifacts = await openArtifactStore(settings.artifacts, settings.dataDir);
    if (db.engine === 'postgres' && !artifacts.shared) {
      log.warn(
        { artifacts: artifacts.location },
        'kept frontend builds and release manifests are on this machine only: set RUNWAY_ARTIFACTS_BUCKET so that every replica can roll back',
      );
    }
    const services: DeploymentServices = {
      db,
      github,
      redactor,
      resources,
      log,
      observers: [
        ...(options.observers ?? []),
        prCommentObserver({ db, wake: () => wakeWorker() }),
        supersededCommentsObserver({ db, wake: () => wakeWorker() }),
        previewCommentObserver({ db, wake: () => wakeWorker() }),
        notify,
      ],
      logUrl,
      providerDeps: {
        serverEnv: settings.serverEnv,
        herokuApiToken: settings.herokuApiToken,
        herokuApiUrl: settings.herokuApiUrl,
        herokuDataApiUrl: settings.herokuDataApiUrl,
        workDir,
        sandbox,
        artifacts,
      },
      logCap: settings.logCap,
      clock,
      checksPollSeconds: settings.checksPollSeconds,
    };
    const webhookFirst = new WebhookFirst();
    const worker = new Worker({
      queue,
      handlers: jobHandlers(services, {
        retention: settings.retention,
        commentMaxAgeSeconds: settings.commentMaxAgeSeconds,
        wake: () => wakeWorker(),
      }),
      log: log.child({ name: 'worker' }),
      concurrency: settings.workerConcurrency,
      controlConcurrency: settings.controlConcurrency,
      leaseSeconds: settings.jobLeaseSeconds,
      webhookFirst,
    });
    wakeWorker = () => worker.wake();
    // The handlers' own connections: an answer never waits for one to be made, or behind the worker's queries.
    const webhookDb = await db.keptOpen(WEBHOOK_STORE_CONNECTIONS);
    const webhooks = createWebhookEndpoint({
      secret: settings.webhookSecret,
      app: runwayApp({ db: webhookDb, wake: () => worker.wake(), commentMaxAgeSeconds: settings.commentMaxAgeSeconds }),
      log: log.child({ name: 'webhooks' }),
    });
    const web = createWebApp({
      db,
      runningJobs: () => worker.runningJobs,
      build,
      githubWeb: githubWebUrl(settings.githubApiUrl),
      commandServices: services,
      access: {
        adminToken: settings.adminToken,
        metricsToken: settings.metricsToken,
        secureCookies: settings.publicUrl?.startsWith('https://') ?? false,
        publicOrigin: settings.publicUrl && new URL(settings.publicUrl).origin,
        githubSignIn: settings.githubSignIn && {
          ...settings.githubSignIn,
          githubApiUrl: settings.githubApiUrl,
          github,
          publicLogRole: settings.publicLogRole,
        },
      },
    });
    const pages = getRequestListener(web.fetch);
    server = createServer(SERVER_TIMEOUTS, (req, res) => {
      const route = async () => {
        if (req.method === 'POST' && req.url?.split('?')[0] === WEBHOOK_PATH) {
          webhookFirst.noteDelivery();
          await webhooks(req, res);
          return;
        }
        await pages(req, res);
      };
      route().catch((error: unknown) => {
        log.error({ err: error }, 'request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(settings.port, resolve);
    });
    const port = (server.address() as AddressInfo).port;
    publicUrl ||= `http://localhost:${port}`;
    // Jobs may start now: a command waits for the self-test's verdict, and is refused if it fails.
    void sandbox.selfTest([port]).then((verdict) => {
      if (verdict.state === 'ready') log.info('the command sandbox passed its self-test');
      else if (verdict.state === 'off') log.warn('RUNWAY_SANDBOX=off: commands and builds run without the sandbox');
      else if (verdict.state === 'broken')
        log.error({ reason: verdict.reason }, 'the command sandbox does not work: commands and builds are refused');
    });
    worker.start();
    log.info({ port, store: db.engine, publicUrl }, 'Runway is listening');
    // After listening: what GitHub sends again must find the webhook endpoint up.
    const redelivery =
      settings.redeliveryIntervalSeconds > 0
        ? startRedelivery({
            db,
            appClient,
            log: log.child({ name: 'redelivery' }),
            lookbackHours: settings.redeliveryLookbackHours,
            intervalSeconds: settings.redeliveryIntervalSeconds,
          })
        : undefined;
    // Development only, and smee-client is large (~20 MiB): loaded only when it is asked for.
    const proxy = settings.webhookProxyUrl
      ? await (
          await import('./server/webhook-proxy.ts')
        ).startWebhookProxy({
          source: settings.webhookProxyUrl,
          target: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
          log: log.child({ name: 'webhook-proxy' }),
        })
      : undefined;
    const listening = server;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      db,
      worker,
      redelivery,
      log,
      close: async () => {
        await proxy?.stop();
        await redelivery?.stop();
        await new Promise<void>((resolve) => {
          listening.close(() => resolve());
          listening.closeAllConnections();
        });
        await worker.stop();
        await notify.drain();
        await db.close();
        artifacts.close();
        stopLauncher();
      },
    };
  } catch (error) {
    server?.close();
    await db.close();
    stopLauncher();
    throw error;
  }
}
