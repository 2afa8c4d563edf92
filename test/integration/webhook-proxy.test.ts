import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.ts';
import { startRunway, type RunningRunway } from '../../src/runway.ts';
import { signBody, startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';
import { createScratchDatabase } from '../../sandbox/scratch-database.ts';

/** A local stand-in for a smee.io channel: an event stream that sends what smee.io sends (`ready`, then one message per webhook). */
async function startSmeeChannel(): Promise<{
  url: string;
  send(headers: Record<string, string>, body: object): void;
  close(): Promise<void>;
}> {
  const listeners = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    if (req.headers.accept !== 'text/event-stream') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write('event: ready\ndata: {}\n\n');
    listeners.add(res);
    req.on('close', () => listeners.delete(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/channel-${randomUUID()}`,
    send: (headers, body) => {
      const data = JSON.stringify({ ...headers, body, query: {}, timestamp: Date.now() });
      for (const res of listeners) res.write(`id: ${Date.now()}\ndata: ${data}\n\n`);
    },
    close: async () => {
      for (const res of listeners) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('WEBHOOK_PROXY_URL forwards webhooks from a smee channel', () => {
  let github: FakeGitHub;
  let channel: Awaited<ReturnType<typeof startSmeeChannel>>;
  let runway: RunningRunway;
  let dir: string;
  let store: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    github = await startFakeGitHub({ webhookSecret: 'smee-secret' });
    channel = await startSmeeChannel();
    dir = await mkdtemp(path.join(tmpdir(), 'runway-smee-'));
    await chmod(dir, 0o711);
    store = await createScratchDatabase('runway_smee');
    const loaded = loadSettings(
      sandboxRunwayEnv({ github, dataDir: dir, databaseUrl: store.url, policy: false, extra: { WEBHOOK_PROXY_URL: channel.url } }),
    );
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    runway = await startRunway(loaded.settings);
    // GitHub's own deliveries go nowhere: only the channel reaches Runway.
  });
  afterAll(async () => {
    await runway?.close();
    await channel?.close();
    await github?.close();
    await store?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('acts on a signed webhook from the channel and refuses one with a wrong signature', async () => {
    github.createRepo({
      owner: 'acme',
      name: 'tools',
      files: { '.github/deploy.yml': 'environments:\n  staging:\n    backend: { provider: command, run: "true" }\n' },
    });
    github.setPermission('acme', 'tools', 'octo', 'write');
    github.commit('acme', 'tools', { branch: 'feature', files: { 'a.txt': 'a\n' } });
    const number = github.openPullRequest('acme', 'tools', { head: 'feature' });
    const forged = await github.comment('acme', 'tools', number, { user: 'octo', body: '/help' });
    expect(forged.status).toBe(0); // no webhook target: only the channel carries deliveries here
    const payload = github.buildPayload.issueCommentCreated('acme', 'tools', github.comments('acme', 'tools', number)[0]!.id);
    const headers = (secret: string) => ({
      'x-github-event': 'issue_comment',
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': signBody(secret, JSON.stringify(payload)),
      'user-agent': 'GitHub-Hookshot/smee-test',
    });
    channel.send(headers('not-the-secret'), payload);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(github.comments('acme', 'tools', number).filter((c) => c.user === 'runway[bot]')).toEqual([]);
    channel.send(headers('smee-secret'), payload);
    const reply = await github.waitFor(() => github.comments('acme', 'tools', number).find((c) => c.user === 'runway[bot]'), {
      timeoutMs: 20_000,
      what: 'the /help reply to the comment that came through the channel',
    });
    expect(reply.body).toContain('Environments: `staging`.');
  });
});
