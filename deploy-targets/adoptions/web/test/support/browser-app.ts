import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
// The real API with its database, bucket and export worker, from the sibling package (installed first).
import { startHarness, type Harness } from '../../../api/test/support/harness.ts';
import { startStaticServer } from './static-server.ts';

const run = promisify(execFile);
const webDir = fileURLToPath(new URL('../..', import.meta.url));

/** For expect.poll: the API hashes passwords and renders PDFs, slow on a loaded CI machine (the default is 1 s). */
export const pollPatience = { timeout: 30_000, interval: 100 };

export type BrowserApp = {
  api: Harness;
  origin: string;
  browser: Browser;
  /** Signs in through the form and waits for the signed-in page. */
  signIn(page: Page, email: string, password: string): Promise<void>;
  /** Follows a link of the navigation bar. */
  open(page: Page, link: string): Promise<void>;
  close(): Promise<void>;
};

/**
 * The web app built as Runway builds it for S3 (the API's URL baked in), served statically, the real
 * API behind it, and Debian's Chromium.
 */
export async function startBrowserApp(label: string): Promise<BrowserApp> {
  const site = await startStaticServer();
  const api = await startHarness(label, { corsOrigins: [site.origin], webUrl: site.origin });
  const outDir = await mkdtemp(join(tmpdir(), 'adoptions-web-flow-'));
  await run(join(webDir, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: webDir,
    env: { ...process.env, VITE_API_URL: api.baseUrl },
  });
  site.serve(outDir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    api,
    origin: site.origin,
    browser,
    async signIn(page, email, password) {
      await page.goto(site.origin);
      const form = page.locator('form.sign-in');
      await form.getByLabel('E-mail').fill(email);
      await form.getByLabel('Password').fill(password);
      await form.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
    },
    async open(page, link) {
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: link }).click();
      await page.locator('nav a[aria-current="page"]', { hasText: link }).waitFor();
    },
    async close() {
      await browser.close();
      await api.close();
      await site.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
