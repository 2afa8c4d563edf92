import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeployConfig } from '../../src/config/deploy-config.ts';
import { buildNotifiers, notifyAll, type DeployEvent, type Notifier, type NotifyLog } from '../../src/notifiers/index.ts';

type Answer = number | 'hang';

/** A real HTTP receiver that answers the nth request with `answers[n]` (the last one repeats). */
async function receiver(answers: Answer[]): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    const answer = answers[Math.min(hits, answers.length - 1)] ?? 200;
    hits++;
    req.resume();
    if (answer !== 'hang')
      req.on('end', () => res.writeHead(answer).end(answer === 204 ? undefined : `status ${answer}: secret-token echoed`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T0/B0/secret-token-${servers.length}`, hits: () => hits };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A logger that keeps every line, as pino would write it. */
function captureLog(): NotifyLog & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (details: Record<string, unknown>, message: string) => {
    lines.push(JSON.stringify({ level, ...details, msg: message }));
  };
  return { lines, info: write('info'), warn: write('warn') };
}

const event: DeployEvent = {
  type: 'started',
  repository: 'acme/shop',
  environment: 'staging',
  sha: 'fedcba9876543210fedcba9876543210fedcba98',
  ref: 'main',
  deploymentId: 7,
  logUrl: 'https://runway.example.com/deployments/7/log',
};

function notifiersFor(notify: DeployConfig['notify'], env: Record<string, string>): Notifier[] {
  const { notifiers, problems } = buildNotifiers(notify, env);
  expect(problems).toEqual([]);
  return notifiers;
}

const fast = { attempts: 3, timeoutMs: 2000, backoffMs: 20 };

describe('notifyAll', () => {
  it('retries a receiver that answers 500 the bounded number of times, then resolves', async () => {
    const discord = await receiver([500]);
    const slack = await receiver([500]);
    const log = captureLog();
    const summary = await notifyAll(
      notifiersFor([{ discord: { webhook: 'DISCORD_URL' } }, { slack: { webhook: 'SLACK_URL' } }], {
        DISCORD_URL: discord.url,
        SLACK_URL: slack.url,
      }),
      event,
      { log, ...fast },
    );
    expect(discord.hits()).toBe(3);
    expect(slack.hits()).toBe(3);
    expect(summary).toEqual({
      delivered: [],
      skipped: [],
      failed: [
        { notifier: 'discord:DISCORD_URL', attempts: 3, kind: 'http', status: 500 },
        { notifier: 'slack:SLACK_URL', attempts: 3, kind: 'http', status: 500 },
      ],
    });
    expect(log.lines.filter((l) => l.includes('"notifier":"slack:SLACK_URL"') && l.includes('"status":500'))).toHaveLength(3);
  });

  it('delivers when a retry succeeds, and sends to all notifiers in parallel', async () => {
    const flaky = await receiver([503, 204]);
    const healthy = await receiver([200]);
    const summary = await notifyAll(
      notifiersFor([{ teams: { webhook: 'FLAKY' } }, { teams: { webhook: 'HEALTHY' } }], { FLAKY: flaky.url, HEALTHY: healthy.url }),
      event,
      { log: captureLog(), ...fast },
    );
    expect(summary.delivered.sort()).toEqual(['teams:FLAKY', 'teams:HEALTHY']);
    expect(flaky.hits()).toBe(2);
    expect(healthy.hits()).toBe(1);
  });

  it('does not retry a webhook that is gone (404)', async () => {
    const gone = await receiver([404]);
    const summary = await notifyAll(notifiersFor([{ slack: { webhook: 'SLACK_URL' } }], { SLACK_URL: gone.url }), event, {
      log: captureLog(),
      ...fast,
    });
    expect(gone.hits()).toBe(1);
    expect(summary.failed).toEqual([{ notifier: 'slack:SLACK_URL', attempts: 1, kind: 'http', status: 404 }]);
  });

  it('cuts off a receiver that hangs at the timeout, on every attempt', async () => {
    const hanging = await receiver(['hang']);
    const summary = await notifyAll(
      notifiersFor([{ webhook: { url: 'HOOK_URL', secret: 'HOOK_SECRET' } }, { slack: { webhook: 'SLACK_URL' } }], {
        HOOK_URL: hanging.url,
        HOOK_SECRET: 'top-secret-value',
        SLACK_URL: hanging.url,
      }),
      event,
      { log: captureLog(), attempts: 2, timeoutMs: 500, backoffMs: 10 },
    );
    expect(hanging.hits()).toBe(4);
    expect(summary.failed).toEqual([
      { notifier: 'webhook:HOOK_URL', attempts: 2, kind: 'timeout' },
      { notifier: 'slack:SLACK_URL', attempts: 2, kind: 'timeout' },
    ]);
  });

  it('resolves at its overall bound even when a notifier ignores its abort signal', async () => {
    const stuck: Notifier = { name: 'stuck', send: () => new Promise<void>(() => undefined) };
    const summary = await notifyAll([stuck], event, { log: captureLog(), attempts: 2, timeoutMs: 100, backoffMs: 10 });
    expect(summary.failed).toEqual([{ notifier: 'stuck', attempts: 0, kind: 'deadline' }]);
  });

  it('skips notifiers whose events leave the event out', async () => {
    const only = await receiver([200]);
    const summary = await notifyAll(
      notifiersFor([{ discord: { webhook: 'DISCORD_URL', events: ['failed', 'rolled_back'] } }], { DISCORD_URL: only.url }),
      event,
      { log: captureLog(), ...fast },
    );
    expect(summary).toEqual({ delivered: [], failed: [], skipped: ['discord:DISCORD_URL'] });
    expect(only.hits()).toBe(0);
  });

  it('never logs a webhook URL or secret, whatever goes wrong', async () => {
    const failing = await receiver([500]);
    const hanging = await receiver(['hang']);
    const ok = await receiver([200]);
    const closed = await receiver([200]);
    const closedUrl = closed.url;
    const server = servers.pop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    const env = {
      A: failing.url,
      B: hanging.url,
      C: ok.url,
      D: closedUrl,
      E: ok.url,
      SECRET: 'webhook-secret-0xdeadbeef',
    };
    const log = captureLog();
    const summary = await notifyAll(
      notifiersFor(
        [
          { slack: { webhook: 'A' } },
          { discord: { webhook: 'B' } },
          { teams: { webhook: 'C' } },
          { teams: { webhook: 'D' } },
          { webhook: { url: 'E', secret: 'SECRET' } },
        ],
        env,
      ),
      event,
      { log, attempts: 2, timeoutMs: 500, backoffMs: 10 },
    );
    expect(summary.delivered.sort()).toEqual(['teams:C', 'webhook:E']);
    expect(summary.failed.map((f) => [f.notifier, f.kind])).toEqual([
      ['slack:A', 'http'],
      ['discord:B', 'timeout'],
      ['teams:D', 'network'],
    ]);
    const written = log.lines.join('\n');
    expect(written).toContain('ECONNREFUSED');
    for (const secret of [...Object.values(env), 'secret-token', '127.0.0.1']) expect(written).not.toContain(secret);
  });
});
