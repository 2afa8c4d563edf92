import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  strict:
    branch: main
    when_locked: refuse
    production_environment: true
    backend: { provider: command, run: echo deployed }
notify:
  - webhook: { url: HOOK_URL, secret: HOOK_SECRET, events: [started] }
`;

describe('/deploy --force', () => {
  let stack: RunwayStack;
  let receiver: Awaited<ReturnType<typeof eventReceiver>>;
  let firstSha = '';
  beforeAll(async () => {
    receiver = await eventReceiver();
    stack = await startRunwayStack('postgres', { HOOK_URL: receiver.url, HOOK_SECRET: 'hook-signing-secret' });
    firstSha = stack.github.createRepo({ owner: 'acme', name: 'forced', files: { '.github/deploy.yml': config, VERSION: 'v1' } }).headSha;
    stack.github.setPermission('acme', 'forced', 'ops', 'write');
    stack.github.setPermission('acme', 'forced', 'boss', 'admin');
  });
  afterAll(async () => {
    await stack?.close();
    receiver?.server.close();
  });

  const bot = (n: number) => stack.github.comments('acme', 'forced', n).filter((c) => c.user === 'runway[bot]');
  const deploymentsOf = (sha: string) =>
    stack.github.deployments('acme', 'forced').filter((d) => d.sha === sha && d.environment === 'production');

  it('lets an admin deploy through a lock past the merge waiting behind it; the log and the notification say so', async () => {
    const { github } = stack;
    await github.comment('acme', 'forced', 500, { user: 'ops', body: '/lock production demo' });
    await github.waitFor(() => bot(500)[0], { what: 'the lock reply' });

    github.commit('acme', 'forced', { branch: 'fix', files: { VERSION: 'v2' } });
    const pr = github.openPullRequest('acme', 'forced', { head: 'fix', user: 'dev' });
    const { mergeSha } = await github.mergePullRequest('acme', 'forced', pr, { mergedBy: 'ops' });
    await github.waitFor(() => deploymentsOf(mergeSha).find((d) => d.statuses.length > 0), { what: 'the merge deployment, queued' });

    // A writer may deploy, but not force.
    await github.comment('acme', 'forced', 500, { user: 'ops', body: '/deploy main to production --force' });
    const refused = await github.waitFor(() => bot(500)[1], { what: 'the refused --force' });
    expect(refused.body).toBe(
      'Refused: `--force` is for admins of the repository: @ops has write access to this repository; this needs admin or more. Nothing was started.',
    );
    expect(deploymentsOf(mergeSha)).toHaveLength(1);

    await github.comment('acme', 'forced', 500, { user: 'boss', body: `/deploy ${firstSha} to production --force` });
    const reply = await github.waitFor(() => bot(500)[2], { what: 'the forced deploy reply' });
    expect(reply.body).toContain('⚠️ Forced by @boss through: production is locked by @ops: demo.');
    const forced = await github.waitFor(
      () =>
        github
          .deployments('acme', 'forced')
          .find((d) => d.sha === firstSha && d.environment === 'production' && d.statuses.at(-1)?.state === 'success'),
      { what: 'the forced deployment to succeed', timeoutMs: 30_000 },
    );
    // The lock still holds: the merge waits on.
    expect(deploymentsOf(mergeSha)[0]!.statuses.map((s) => s.state)).toEqual(['queued']);
    const [row] = await stack.runway.db.query<{ id: number }>('SELECT id FROM deployments WHERE github_id = $1', [forced.id]);
    const log = await stack.runway.db.query<{ line: string }>('SELECT line FROM log_lines WHERE deployment_id = $1 ORDER BY seq', [
      row!.id,
    ]);
    expect(log.map((l) => l.line)).toContain('⚠️ Forced by @boss (admin, /deploy --force) through: production is locked by @ops: demo');
    const started = await github.waitFor(() => receiver.events.find((e) => e.type === 'started' && e.actor === 'boss'), {
      what: 'the started notification of the forced deployment',
    });
    expect(started.forcedThrough).toBe('production is locked by @ops: demo');
  });

  it('passes a when_locked: refuse lock for an admin only', async () => {
    const { github } = stack;
    await github.comment('acme', 'forced', 900, { user: 'ops', body: '/lock strict incident' });
    await github.waitFor(() => bot(900)[0], { what: 'the lock reply' });
    await github.comment('acme', 'forced', 900, { user: 'ops', body: `/deploy ${firstSha} to strict` });
    const refused = await github.waitFor(() => bot(900)[1], { what: 'the refusal' });
    expect(refused.body).toBe('Refused: **strict** is locked by @ops: incident. Comment `/unlock strict` first.');
    await github.comment('acme', 'forced', 900, { user: 'boss', body: `/deploy ${firstSha} to strict --force` });
    const d = await github.waitFor(
      () =>
        github
          .deployments('acme', 'forced')
          .find((x) => x.environment === 'strict' && x.sha === firstSha && x.statuses.at(-1)?.state === 'success'),
      { what: 'the forced deployment through the refusing lock', timeoutMs: 30_000 },
    );
    expect(d.sha).toBe(firstSha);
    // production_environment from the config; without it only the names production and prod count.
    expect(d.productionEnvironment).toBe(true);
    expect(github.deployments('acme', 'forced').find((x) => x.environment === 'production')!.productionEnvironment).toBe(true);
  });
});
