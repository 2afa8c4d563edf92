import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRunwaySignature } from '../../src/notifiers/index.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A chat service stand-in: records every request and answers with `status`. */
async function receiver(status: number): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'boom');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

const hookToken = `tok-${Math.random().toString(36).slice(2)}-secret-path`;
const signingSecret = `sign-${Math.random().toString(36).slice(2)}-secret`;

const config = `environments:
  production:
    branch: main
    backend: { provider: command, run: echo deployed, url: https://shop.example.test }
notify:
  - webhook: { url: HOOK_URL, secret: HOOK_SECRET }
  - slack: { webhook: BROKEN_SLACK_URL }
`;

describe('chat notifications of deployments and locks', () => {
  let stack: RunwayStack;
  let good: Awaited<ReturnType<typeof receiver>>;
  let broken: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    good = await receiver(200);
    broken = await receiver(500);
    stack = await startRunwayStack('postgres', {
      HOOK_URL: `${good.url}/hook/${hookToken}`,
      HOOK_SECRET: signingSecret,
      BROKEN_SLACK_URL: `${broken.url}/services/${hookToken}`,
    });
    stack.github.createRepo({ owner: 'acme', name: 'chat', files: { '.github/deploy.yml': config, VERSION: 'v1' } });
    stack.github.setPermission('acme', 'chat', 'writer', 'write');
  });
  afterAll(async () => {
    await stack?.close();
    good?.server.close();
    broken?.server.close();
  });

  const events = () => good.received.map((r) => JSON.parse(r.body) as { type: string; [k: string]: unknown });

  it('sends started and succeeded, signed, while a receiver answering 500 fails nothing', async () => {
    const { github } = stack;
    github.commit('acme', 'chat', { branch: 'feature', files: { VERSION: 'v2' } });
    const pr = github.openPullRequest('acme', 'chat', { head: 'feature', user: 'dev' });
    const { mergeSha } = await github.mergePullRequest('acme', 'chat', pr, { mergedBy: 'lead' });
    const deployment = await github.waitFor(
      () => github.deployments('acme', 'chat').find((d) => ['success', 'failure', 'error'].includes(d.statuses.at(-1)?.state ?? '')),
      { what: 'the deployment to end', timeoutMs: 30_000 },
    );
    expect(deployment.statuses.map((s) => s.state)).toEqual(['queued', 'in_progress', 'success']);
    await github.waitFor(() => events().some((e) => e.type === 'succeeded'), { what: 'the succeeded event' });
    expect(events().map((e) => e.type)).toEqual(['started', 'succeeded']);
    expect(events()[1]).toMatchObject({
      repository: 'acme/chat',
      environment: 'production',
      sha: mergeSha,
      environmentUrl: 'https://shop.example.test',
      actor: 'lead',
    });
    for (const r of good.received) {
      const check = verifyRunwaySignature(
        signingSecret,
        String(r.headers['x-runway-timestamp']),
        r.body,
        String(r.headers['x-runway-signature']),
      );
      expect(check).toEqual({ ok: true });
    }
    // The broken receiver was tried (more than once: bounded retries) and did not fail the deployment.
    await github.waitFor(() => broken.received.length >= 2, { what: 'retries to the broken receiver' });
    expect(JSON.parse(broken.received[0]!.body)).toHaveProperty('blocks');
  });

  it('sends locked from /lock, and no secret reaches a comment or a chat message', async () => {
    const { github, env } = stack;
    await github.comment('acme', 'chat', 7, { user: 'writer', body: `/lock production leaked ${signingSecret} and ${env.WEBHOOK_SECRET}` });
    await github.waitFor(() => events().some((e) => e.type === 'locked'), { what: 'the locked event' });
    const locked = events().find((e) => e.type === 'locked')!;
    expect(locked).toMatchObject({ environment: 'production', actor: 'writer', reason: 'leaked *** and ***' });
    const reply = await github.waitFor(() => github.comments('acme', 'chat', 7).find((c) => c.user === 'runway[bot]'), {
      what: 'the lock reply',
    });
    expect(reply.body).toContain('locked by @writer: leaked *** and ***');

    const secrets = [hookToken, signingSecret, env.WEBHOOK_SECRET!, env.PRIVATE_KEY!.split('\n')[1]!];
    const runwayText = [
      ...[7, 1, 2].flatMap((n) =>
        github
          .comments('acme', 'chat', n)
          .filter((c) => c.user === 'runway[bot]')
          .map((c) => c.body),
      ),
      ...github.deployments('acme', 'chat').flatMap((d) => d.statuses.map((s) => s.description ?? '')),
      ...good.received.map((r) => r.body),
      ...broken.received.map((r) => r.body),
    ];
    expect(runwayText.length).toBeGreaterThan(5);
    for (const text of runwayText) for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
