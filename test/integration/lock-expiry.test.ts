import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLockExpiryNow } from '../support/run-lock-expiry.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

/** A chat webhook stand-in: records the events it receives. */
async function eventReceiver(): Promise<{ url: string; events: Record<string, unknown>[]; server: Server }> {
  const events: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      events.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, events, server };
}

const config = `environments:
  production:
    branch: main
    backend: { provider: command, run: echo deployed }
  staging:
    branch: develop
    backend: { provider: command, run: echo deployed }
notify:
  - webhook: { url: HOOK_URL, secret: HOOK_SECRET, events: [locked, unlocked] }
`;

describe('locks that end', () => {
  let stack: RunwayStack;
  let receiver: Awaited<ReturnType<typeof eventReceiver>>;
  // Runway's clock: the test moves it; the lock's end is read from it, never from the wall clock.
  let now = new Date('2026-12-01T10:00:00Z');
  beforeAll(async () => {
    receiver = await eventReceiver();
    stack = await startRunwayStack('postgres', { HOOK_URL: receiver.url, HOOK_SECRET: 'hook-signing-secret' }, { clock: () => now });
    stack.github.createRepo({ owner: 'acme', name: 'timed', files: { '.github/deploy.yml': config, VERSION: 'v1' } });
    stack.github.setPermission('acme', 'timed', 'ops', 'write');
  });
  afterAll(async () => {
    await stack?.close();
    receiver?.server.close();
  });

  const bot = (n: number) => stack.github.comments('acme', 'timed', n).filter((c) => c.user === 'runway[bot]');
  it('lifts a lock taken for 5m at its end, notifies, and lets the queued merge deploy', async () => {
    const { github } = stack;
    await github.comment('acme', 'timed', 1, { user: 'ops', body: '/lock production for 5m for the demo' });
    const reply = await github.waitFor(() => bot(1)[0], { what: 'the lock reply' });
    expect(reply.body).toBe(
      '🔒 **production** is locked by @ops: for the demo. Deployments to it wait in line until 2026-12-01 10:05 UTC or `/unlock`.',
    );
    await github.waitFor(() => receiver.events.find((e) => e.type === 'locked'), { what: 'the locked event' });
    expect(receiver.events.find((e) => e.type === 'locked')).toMatchObject({
      environment: 'production',
      actor: 'ops',
      reason: 'for the demo',
      expiresAt: '2026-12-01T10:05:00.000Z',
    });

    github.commit('acme', 'timed', { branch: 'fix', files: { VERSION: 'v2' } });
    const pr = github.openPullRequest('acme', 'timed', { head: 'fix', user: 'dev' });
    const { mergeSha } = await github.mergePullRequest('acme', 'timed', pr, { mergedBy: 'ops' });
    const queued = await github.waitFor(
      () => github.deployments('acme', 'timed').find((d) => d.sha === mergeSha && d.statuses.length > 0),
      {
        what: 'the merge deployment, queued behind the lock',
      },
    );
    expect(queued.statuses.map((s) => s.state)).toEqual(['queued']);

    // One second before the end: the lock holds.
    now = new Date('2026-12-01T10:04:59Z');
    await runLockExpiryNow(stack);
    await github.comment('acme', 'timed', 1, { user: 'ops', body: '/status production' });
    const status = await github.waitFor(() => bot(1)[1], { what: 'the status reply' });
    expect(status.body).toContain('- 🔒 locked by @ops since');
    expect(status.body).toContain('until 2026-12-01 10:05 UTC: for the demo');
    expect(
      github
        .deployments('acme', 'timed')
        .find((d) => d.sha === mergeSha)!
        .statuses.map((s) => s.state),
    ).toEqual(['queued']);
    expect(receiver.events.some((e) => e.type === 'unlocked')).toBe(false);

    // At the end: lifted, announced, and the merge that waited deploys.
    now = new Date('2026-12-01T10:05:00Z');
    await runLockExpiryNow(stack);
    const unlocked = await github.waitFor(() => receiver.events.find((e) => e.type === 'unlocked'), { what: 'the unlocked event' });
    expect(unlocked).toEqual({ type: 'unlocked', repository: 'acme/timed', environment: 'production', lockedBy: 'ops', expired: true });
    const shipped = await github.waitFor(
      () => github.deployments('acme', 'timed').find((d) => d.sha === mergeSha && d.statuses.at(-1)?.state === 'success'),
      { what: 'the merge deployment after the lock ended', timeoutMs: 30_000 },
    );
    expect(shipped.statuses.map((s) => s.state)).toEqual(['queued', 'in_progress', 'success']);
  });

  it('locks every environment with --all, and /unlock notifies who unlocked', async () => {
    const { github } = stack;
    await github.comment('acme', 'timed', 50, { user: 'ops', body: '/lock --all release week' });
    const reply = await github.waitFor(() => bot(50)[0], { what: 'the lock --all reply' });
    expect(reply.body).toBe('🔒 Locked by @ops: release week: **production**, **staging**, until `/unlock`.');
    await github.comment('acme', 'timed', 50, { user: 'ops', body: '/unlock staging' });
    await github.waitFor(() => receiver.events.find((e) => e.type === 'unlocked' && e.environment === 'staging'), {
      what: 'the unlocked event of /unlock',
    });
    expect(receiver.events.find((e) => e.type === 'unlocked' && e.environment === 'staging')).toEqual({
      type: 'unlocked',
      repository: 'acme/timed',
      environment: 'staging',
      lockedBy: 'ops',
      actor: 'ops',
      expired: false,
    });
    expect(receiver.events.filter((e) => e.type === 'locked' && e.reason === 'release week').map((e) => e.environment)).toEqual([
      'production',
      'staging',
    ]);
    // A lock without an end is not lifted by the clock, however late it gets.
    now = new Date('2027-12-01T00:00:00Z');
    await runLockExpiryNow(stack);
    await github.comment('acme', 'timed', 50, { user: 'ops', body: '/status production' });
    const status = await github.waitFor(() => bot(50)[2], { what: 'the status reply' });
    expect(status.body).toContain('- 🔒 locked by @ops since');
  });
});
