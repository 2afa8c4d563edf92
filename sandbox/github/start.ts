import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { generateAppKeys, newInstallationToken } from './app-auth.ts';
import { ChecksState } from './checks/checks-state.ts';
import { checksTestApi } from './checks/checks-test-api.ts';
import type { FakeContext } from './context.ts';
import { payloadBuilders } from './payloads.ts';
import { buildServer } from './server.ts';
import { urlsFor } from './shapes/urls.ts';
import { FakeState } from './state.ts';
import { testApi } from './test-api.ts';
import type { ApiCall, FakeGitHub, StartOptions } from './types.ts';
import { WebhookSender } from './webhook-sender.ts';

async function listen(fetch: (req: Request) => Response | Promise<Response>, port: number): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server, port: info.port }));
    server.once('error', reject);
  });
}

/** Starts a stateful fake GitHub (REST under `/api/v3`, signed webhooks out) on 127.0.0.1. */
export async function startFakeGitHub(opts: StartOptions): Promise<FakeGitHub> {
  const appId = opts.appId ?? 4242;
  const appSlug = opts.appSlug ?? 'runway';
  const keys = generateAppKeys();
  const state = new FakeState();
  const sender = new WebhookSender(opts.webhookSecret);
  const calls: ApiCall[] = [];
  // The origin is known only after listening; routes read it through this object.
  const urls = urlsFor('http://127.0.0.1:0');
  const ctx: FakeContext = {
    state,
    checks: new ChecksState(),
    urls,
    sender,
    build: payloadBuilders(urls, state),
    keys,
    appId,
    appSlug,
    appPermissions: {
      contents: 'read',
      checks: 'read',
      deployments: 'write',
      issues: 'write',
      pull_requests: 'write',
      statuses: 'write',
      metadata: 'read',
    },
    appEvents: ['check_run', 'check_suite', 'deployment', 'issue_comment', 'pull_request', 'push', 'release', 'status'],
    strictTokens: opts.strictTokens ?? false,
    tokens: new Map(),
    userTokens: new Map(),
    hookDeliveriesApi: opts.hookDeliveriesApi ?? true,
    oauth: {
      clientId: `Iv1.${randomBytes(8).toString('hex')}`,
      clientSecret: randomBytes(20).toString('hex'),
      codes: new Map(),
      userTokens: new Map(),
    },
  };
  const app = buildServer(ctx, calls);
  const { server, port } = await listen(app.fetch, opts.port ?? 0);
  Object.assign(urls, urlsFor(`http://127.0.0.1:${port}`));

  const close = async (): Promise<void> => {
    await sender.settle();
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
  };

  return {
    url: urls.web,
    host: `127.0.0.1:${port}`,
    // Getters: registering an App through the manifest flow replaces these.
    get appId() {
      return ctx.appId;
    },
    get appSlug() {
      return ctx.appSlug;
    },
    get privateKey() {
      return ctx.keys.privateKey;
    },
    get webhookSecret() {
      return ctx.sender.secret;
    },
    get clientId() {
      return ctx.oauth.clientId;
    },
    get clientSecret() {
      return ctx.oauth.clientSecret;
    },
    setAppPermissions: (permissions) => {
      ctx.appPermissions = { ...permissions };
    },
    calls,
    deliveries: sender.deliveries,
    setWebhookTarget: (url) => {
      sender.target = url;
    },
    issueToken: (installationId) => {
      const token = newInstallationToken();
      ctx.tokens.set(token, installationId);
      return token;
    },
    userToken: (login, type = login.endsWith('[bot]') ? 'Bot' : 'User') => {
      const token = `ghp_${randomBytes(18).toString('base64url')}`;
      ctx.userTokens.set(token, { login, type });
      return token;
    },
    ...testApi(ctx, calls),
    ...checksTestApi(ctx, ctx.checks),
    close,
  };
}
