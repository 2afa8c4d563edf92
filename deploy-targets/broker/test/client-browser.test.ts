import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium.ts';
import { startBroker, TEST_PASSWORD, type Broker } from './helpers/start-broker.ts';

// The client application the specification asks for, driven in Chromium: two consumers subscribe
// to a channel, a publisher publishes, and each consumer pulls its own copy.

let broker: Broker;
let browser: Awaited<ReturnType<typeof launchChromium>>;
const pageErrors: string[] = [];
// Signing in hashes a password on the server: on a loaded CI machine that outlasts expect.poll's default 1 s.
const patience = { timeout: 30_000, interval: 100 };

beforeAll(async () => {
  broker = await startBroker();
  const admin = await broker.login('root', 'admin');
  for (const name of ['ana', 'beto']) await broker.login(name, 'consumer');
  await broker.login('prensa', 'publisher');
  expect((await broker.call('POST', '/channels', { token: admin.token, body: { name: 'noticias' } })).status).toBe(201);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await broker?.close();
});

async function signIn(username: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${username}: ${error.message}`));
  await page.goto(`${broker.url}/client`);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect.poll(() => page.getByTestId('whoami').textContent(), patience).toMatch(new RegExp(`^${username} \\(`));
  await page.getByTestId('channel').fill('noticias');
  return page;
}

const status = (page: Page) => page.getByTestId('status').textContent();

describe('the client page in Chromium', () => {
  it('two consumers subscribe, a publisher publishes, each consumer pulls its own copy once', async () => {
    const [ana, beto, prensa] = [await signIn('ana'), await signIn('beto'), await signIn('prensa')];
    for (const consumer of [ana, beto]) {
      await consumer.getByTestId('subscribe').click();
      await expect.poll(() => status(consumer), patience).toMatch(/^suscrito a noticias/);
    }

    await prensa.getByTestId('publish-payload').fill('{"titular": "Llegó el pedido 42"}');
    await prensa.getByTestId('publish').click();
    await expect.poll(() => status(prensa), patience).toMatch(/ en 2 cola\(s\)$/);

    for (const consumer of [ana, beto]) {
      await consumer.getByTestId('pull').click();
      await expect.poll(() => status(consumer), patience).toBe('1 mensaje(s) recibido(s) y confirmado(s)');
      expect(await consumer.getByTestId('message').allTextContents()).toEqual(['{"titular":"Llegó el pedido 42"} · intento 1']);
    }
    // Acknowledged: pulling again brings nothing more.
    await ana.getByTestId('pull').click();
    await expect.poll(() => status(ana), patience).toBe('0 mensaje(s) recibido(s)');
    expect(await ana.getByTestId('message').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("shows the broker's refusal: a publisher may not subscribe", async () => {
    const page = await signIn('prensa');
    await page.getByTestId('subscribe').click();
    await expect.poll(() => status(page), patience).toBe('subscribe: 403 requires role consumer or admin');
  }, 30_000);

  it('serves the page under a policy that runs only its own script', async () => {
    const response = await fetch(`${broker.url}/client/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${broker.url}/client/../package.json`)).status).toBe(404);
  });
});
