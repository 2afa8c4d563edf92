import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readTree } from '../../sandbox/read-tree.ts';
import { sandboxDeployConfig } from '../../sandbox/sandbox-config.ts';
import { startSandbox, type Sandbox } from '../../sandbox/stack.ts';
import { launchChromium } from '../support/chromium.ts';
import { endedDeploymentsOf, type EndedDeployment } from '../support/ended-deployments.ts';
import { mergeChange } from '../support/merge-change.ts';
import { createScratchDatabase } from '../../sandbox/scratch-database.ts';

// Issue 6, "Done when": cargo-express deployed through Runway and the sandbox (Heroku-compatible
// platform, S3 website), then its dashboard driven in a browser while an order is posted to the API.

const repo = { owner: 'cargo', name: 'monorepo' };
const seedPassword = `seed-${randomBytes(9).toString('hex')}`;

/** The real deploy.yml pointed at the sandbox, plus the demo user's password as a Runway secret. */
function deployConfig(siteUrl: string): string {
  const doc = parseDocument(
    sandboxDeployConfig({ environments: ['cargo-express-production'], siteUrls: { 'cargo-express-production': siteUrl } }),
  );
  doc.setIn(
    ['environments', 'cargo-express-production', 'backend', 'config_vars', 'SEED_PASSWORD'],
    doc.createNode({ from_env: 'CARGO_EXPRESS_SEED_PASSWORD' }),
  );
  return doc.toString();
}

/** `$ 1.234,50` → 123450 (cents): Colombian pesos as the dashboard shows them (es-CO, COP). */
function cents(text: string | null): number {
  const match = /^\$\s([\d.]+),(\d\d)$/.exec(text?.trim() ?? '');
  if (!match) throw new Error(`not an amount in Colombian pesos: ${JSON.stringify(text)}`);
  return Number(match[1]!.replaceAll('.', '')) * 100 + Number(match[2]);
}

describe('cargo-express shipped by Runway, in a browser', () => {
  let sandbox: Sandbox;
  let store: { url: string; drop(): Promise<void> };
  let deployment: EndedDeployment;
  let siteUrl: string;
  let backendUrl: string;

  beforeAll(async () => {
    store = await createScratchDatabase('runway_e2e_cargo');
    sandbox = await startSandbox({
      buckets: ['cargo-express-web'],
      herokuApps: [{ name: 'cargo-express-api' }],
      databaseUrl: store.url,
      runwayEnv: { CARGO_EXPRESS_JWT_SECRET: randomBytes(32).toString('hex'), CARGO_EXPRESS_SEED_PASSWORD: seedPassword },
    });
    siteUrl = sandbox.s3.websiteUrl('cargo-express-web');
    sandbox.github.createRepo({
      ...repo,
      files: {
        '.github/deploy.yml': deployConfig(siteUrl),
        ...(await readTree(new URL('../../deploy-targets/cargo-express', import.meta.url).pathname, 'deploy-targets/cargo-express')),
      },
    });
    const sha = await mergeChange(sandbox.github, repo, {
      branch: 'dashboard-note',
      title: 'Dashboard: changelog',
      files: { 'deploy-targets/cargo-express/web/CHANGELOG.md': '- The dashboard refreshes every 5 s\n' },
    });
    const ended = await endedDeploymentsOf(sandbox.github, repo, sha, { timeoutMs: 280_000 });
    if (ended.length !== 1) throw new Error(`expected one deployment of the merge, got ${ended.map((d) => d.environment).join(', ')}`);
    deployment = ended[0]!;
    backendUrl = sandbox.heroku.app('cargo-express-api').webUrl.replace(/\/+$/, '');
  }, 300_000);

  afterAll(async () => {
    await sandbox?.close();
    await store?.drop();
  });

  it('deploys the merge: backend on the platform, frontend on the S3 website', async () => {
    expect(deployment.environment).toBe('cargo-express-production');
    expect(deployment.final.state, deployment.final.description).toBe('success');
    expect(deployment.final.environmentUrl).toBe(siteUrl);
    expect(sandbox.heroku.app('cargo-express-api').currentRelease?.status).toBe('succeeded');
    expect((await fetch(`${backendUrl}/healthz`)).status).toBe(200);
  });

  it("builds the bundle with the backend URL Runway injected, and the backend allows only the site's origin", async () => {
    const html = await (await fetch(siteUrl)).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => new URL(m[1]!, siteUrl).toString());
    expect(scripts.length).toBeGreaterThan(0);
    const bundles = await Promise.all(scripts.map(async (src) => (await fetch(src)).text()));
    expect(bundles.some((js) => js.includes(JSON.stringify(backendUrl).slice(1, -1)))).toBe(true);

    const siteOrigin = new URL(siteUrl).origin;
    const preflight = (origin: string) =>
      fetch(`${backendUrl}/metrics`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight(siteOrigin);
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(siteOrigin);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const foreign = await preflight('http://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).not.toBe('http://evil.example');
  });

  it("signs in on the dashboard, and shows the day's total grow when an order is posted to the API", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const apiCalls: string[] = [];
      const failed: string[] = [];
      page.on('request', (r) => {
        if (r.url().startsWith(`${backendUrl}/`)) apiCalls.push(`${r.method()} ${new URL(r.url()).pathname}`);
      });
      page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
      await page.goto(siteUrl);
      await signIn(page);

      const today = page.getByTestId('metric-today');
      await expect.poll(() => today.textContent(), { timeout: 20_000 }).toMatch(/^\$\s/);
      const token = await apiToken();
      const before = await metrics(token);
      expect(cents(await today.textContent())).toBe(Math.round(before.acumulado_ventas_dia * 100));
      expect(await page.getByTestId('orders-table').locator('tbody tr').count()).toBeGreaterThan(0);

      const pedidoId = `e2e-${randomBytes(4).toString('hex')}`;
      const priceCents = 98_765_00; // $ 98.765,00: no demo order comes near it, so the total must move
      const recorded = await fetch(`${backendUrl}/registrar_pedido_entregado`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          pedido_id: pedidoId,
          repartidor: { IdRepartidor: 7, Nombre: 'Prueba E2E' },
          productos: [{ IdProducto: 'pk-e2e', producto: 'Bicicleta plegable', precio: priceCents / 100 }],
          timestamp: new Date().toISOString(),
        }),
      });
      expect(recorded.status, await recorded.clone().text()).toBe(200);

      // The dashboard refreshes on its own (every 5 s): no reload, no click.
      const expected = Math.round(before.acumulado_ventas_dia * 100) + priceCents;
      await expect.poll(async () => cents(await today.textContent()), { timeout: 30_000, interval: 500 }).toBe(expected);
      await expect.poll(() => page.locator(`[data-pedido-id="${pedidoId}"]`).count(), { timeout: 10_000 }).toBe(1);
      const caption = await page.getByTestId('metrics-caption').textContent();
      expect(caption).toContain(`, ${before.pedidos_del_dia + 1} pedido`);
      expect(caption).toContain('(America/Bogota)');
      expect(caption).toContain('montos en COP');
      expect(expected).toBe(Math.round((await metrics(token)).acumulado_ventas_dia * 100));

      expect(apiCalls).toContain('POST /token');
      expect(apiCalls.filter((c) => c === 'GET /metrics').length).toBeGreaterThanOrEqual(2);
      expect(failed).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  async function signIn(page: Page): Promise<void> {
    await page.getByTestId('login-form').waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByTestId('username').fill('demo');
    await page.getByTestId('password').fill(seedPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByTestId('login-form').isVisible()).toBe(false);
  }

  async function apiToken(): Promise<string> {
    const res = await fetch(`${backendUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: seedPassword }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; token_type: string };
    expect(body.token_type).toBe('bearer');
    return body.access_token;
  }

  async function metrics(token: string): Promise<{ acumulado_ventas_dia: number; pedidos_del_dia: number }> {
    const res = await fetch(`${backendUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as { acumulado_ventas_dia: number; pedidos_del_dia: number };
  }
});
