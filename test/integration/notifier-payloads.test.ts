import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NotifierConfig } from '../../src/config/deploy-config.ts';
import { buildNotifiers, notifyAll, verifyRunwaySignature, type DeployEvent, type NotifyLog } from '../../src/notifiers/index.ts';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver standing in for Slack, Discord, Teams and a customer's endpoint. */
let server: Server;
let base: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      // Slack answers 200 "ok"; Discord 204; either is success.
      if (req.url?.startsWith('/discord')) res.writeHead(204).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

const silent: NotifyLog = { info: () => undefined, warn: () => undefined };

const logUrl = 'https://runway.example.com/deployments/4242/log';
const succeeded: DeployEvent = {
  type: 'succeeded',
  repository: 'acme/shop',
  environment: 'production',
  sha: '0123456789abcdef0123456789abcdef01234567',
  ref: 'main',
  deploymentId: 4242,
  logUrl,
  environmentUrl: 'https://shop.example.com/',
  actor: 'octocat',
  pullRequest: { number: 17, url: 'https://github.com/acme/shop/pull/17', title: 'Faster checkout <b>&</b> @everyone' },
};

const env = {
  SLACK_URL: '',
  DISCORD_URL: '',
  TEAMS_URL: '',
  HOOK_URL: '',
  HOOK_SECRET: 'shh-this-is-the-secret',
};

async function deliverTo(kind: 'slack' | 'discord' | 'teams', event: DeployEvent): Promise<Received> {
  const variable = `${kind.toUpperCase()}_URL`;
  const entry: NotifierConfig =
    kind === 'slack'
      ? { slack: { webhook: variable } }
      : kind === 'discord'
        ? { discord: { webhook: variable } }
        : { teams: { webhook: variable } };
  const { notifiers, problems } = buildNotifiers([entry], { ...env, [variable]: `${base}/${kind}/T0/B0/secret-token` });
  expect(problems).toEqual([]);
  const summary = await notifyAll(notifiers, event, { log: silent });
  expect(summary.delivered).toEqual([`${kind}:${variable}`]);
  expect(received).toHaveLength(1);
  const [request] = received;
  if (!request) throw new Error('nothing received');
  expect(request.path).toBe(`/${kind}/T0/B0/secret-token`);
  expect(request.headers['content-type']).toMatch(/^application\/json/);
  return request;
}

describe('Slack', () => {
  it('posts Block Kit blocks with a header, fields, link buttons and a text fallback', async () => {
    const message = JSON.parse((await deliverTo('slack', succeeded)).body);
    expect(message.text).toContain('Deployed acme/shop to production');
    expect(message.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'actions']);
    const [header, section, actions] = message.blocks;
    expect(header.text).toMatchObject({ type: 'plain_text', text: '✅ Deployed acme/shop to production' });
    expect(section.text.type).toBe('mrkdwn');
    // User text cannot form Slack links or mentions.
    expect(section.text.text).toBe('Pull request #17: Faster checkout &lt;b&gt;&amp;&lt;/b&gt; @everyone');
    expect(section.fields).toEqual(
      expect.arrayContaining([
        { type: 'mrkdwn', text: '*Environment*\nproduction' },
        { type: 'mrkdwn', text: '*Commit*\n0123456' },
        { type: 'mrkdwn', text: '*By*\noctocat' },
      ]),
    );
    expect(actions.elements.map((e: { type: string; url: string }) => [e.type, e.url])).toEqual([
      ['button', logUrl],
      ['button', 'https://shop.example.com/'],
      ['button', 'https://github.com/acme/shop/pull/17'],
    ]);
  });

  it('announces a lock without buttons', async () => {
    const message = JSON.parse(
      (await deliverTo('slack', { type: 'locked', repository: 'acme/shop', environment: 'production', actor: 'octocat', reason: 'freeze' }))
        .body,
    );
    expect(message.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section']);
    expect(message.text).toBe('🔒 acme/shop: production locked by octocat — freeze');
  });
});

describe('Discord', () => {
  it('posts one embed with title, url, colour, inline fields and a timestamp, mentions disabled', async () => {
    const message = JSON.parse((await deliverTo('discord', { ...succeeded, type: 'failed', description: 'healthcheck failed' })).body);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.embeds).toHaveLength(1);
    const [embed] = message.embeds;
    expect(embed.title).toBe('❌ Failed to deploy acme/shop to production');
    expect(embed.description).toBe('healthcheck failed');
    expect(embed.url).toBe('https://runway.example.com/deployments/4242/log');
    expect(embed.color).toBe(0xe01e5a);
    expect(new Date(embed.timestamp).toISOString()).toBe(embed.timestamp);
    expect(embed.fields).toEqual(
      expect.arrayContaining([
        { name: 'Environment', value: 'production', inline: true },
        { name: 'Commit', value: '0123456', inline: true },
        { name: 'Links', value: expect.stringContaining('[Open site](https://shop.example.com/)'), inline: false },
      ]),
    );
  });

  it('keeps the title within 256 and field values within 1024 characters', async () => {
    const long = { ...succeeded, repository: `acme/${'r'.repeat(400)}`, ref: 'x'.repeat(3000) };
    const [embed] = JSON.parse((await deliverTo('discord', long)).body).embeds;
    expect([...embed.title].length).toBeLessThanOrEqual(256);
    for (const field of embed.fields) expect([...field.value].length).toBeLessThanOrEqual(1024);
    expect(embed.fields.find((f: { name: string }) => f.name === 'Ref').value).toMatch(/…$/);
  });
});

describe('Teams', () => {
  it('posts an Adaptive Card 1.4 message with text, facts and open-URL actions', async () => {
    const message = JSON.parse((await deliverTo('teams', { ...succeeded, type: 'rolled_back' })).body);
    expect(message.type).toBe('message');
    expect(message.attachments).toHaveLength(1);
    const [attachment] = message.attachments;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachment.content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' });
    expect(card.body.map((b: { type: string }) => b.type)).toEqual(['TextBlock', 'TextBlock', 'FactSet']);
    expect(card.body[0]).toMatchObject({ text: '↩️ Rolled back acme/shop to production', weight: 'Bolder', wrap: true });
    expect(card.body[2].facts).toEqual(
      expect.arrayContaining([
        { title: 'Environment', value: 'production' },
        { title: 'Deployment', value: '#4242' },
      ]),
    );
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'View log', url: 'https://runway.example.com/deployments/4242/log' },
      { type: 'Action.OpenUrl', title: 'Open site', url: 'https://shop.example.com/' },
      { type: 'Action.OpenUrl', title: 'Pull request #17', url: 'https://github.com/acme/shop/pull/17' },
    ]);
  });

  it('never turns a non-web URL into an action', async () => {
    const card = JSON.parse((await deliverTo('teams', { ...succeeded, environmentUrl: 'javascript:alert(1)' })).body).attachments[0]
      .content;
    expect(card.actions.map((a: { title: string }) => a.title)).toEqual(['View log', 'Pull request #17']);
  });
});

describe('generic webhook', () => {
  async function deliverSigned(): Promise<Received> {
    const { notifiers, problems } = buildNotifiers([{ webhook: { url: 'HOOK_URL', secret: 'HOOK_SECRET' } }], {
      ...env,
      HOOK_URL: `${base}/hook`,
    });
    expect(problems).toEqual([]);
    const summary = await notifyAll(notifiers, succeeded, { log: silent });
    expect(summary.delivered).toEqual(['webhook:HOOK_URL']);
    const [request] = received;
    if (!request) throw new Error('nothing received');
    return request;
  }

  it('posts the event as JSON, signed so that the receiver can verify it', async () => {
    const request = await deliverSigned();
    expect(JSON.parse(request.body)).toEqual(succeeded);
    expect(request.headers['x-runway-event']).toBe('succeeded');
    const timestamp = String(request.headers['x-runway-timestamp']);
    const signature = String(request.headers['x-runway-signature']);
    expect(timestamp).toMatch(/^\d+$/);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyRunwaySignature(env.HOOK_SECRET, timestamp, request.body, signature)).toEqual({ ok: true });
    expect(verifyRunwaySignature(env.HOOK_SECRET, timestamp, Buffer.from(request.body), signature)).toEqual({ ok: true });
  });

  it('fails verification when the body, the timestamp or the secret changed', async () => {
    const request = await deliverSigned();
    const timestamp = String(request.headers['x-runway-timestamp']);
    const signature = String(request.headers['x-runway-signature']);
    const tampered = request.body.replace('"production"', '"staging"');
    expect(tampered).not.toBe(request.body);
    expect(verifyRunwaySignature(env.HOOK_SECRET, timestamp, tampered, signature)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyRunwaySignature(env.HOOK_SECRET, String(Number(timestamp) - 1), request.body, signature)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyRunwaySignature('another secret', timestamp, request.body, signature)).toEqual({ ok: false, reason: 'mismatch' });
  });
});
