import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_USER_COOKIE } from '../../sandbox/github/index.ts';
import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';
import { startApiDeployment } from '../support/api-deployment.ts';
import { accessibilityViolations } from '../support/axe-check.ts';
import { launchChromium } from '../support/chromium.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';
import { slowLogDeployYml } from '../support/slow-log-deploy-yml.ts';

/** Where the browser tests save a screenshot of each page (git-ignored; see the README). */
const SCREENSHOTS = 'test/screenshots';
const O = 'acme';
const R = 'live';
const LINES = 60;
const config = slowLogDeployYml(LINES);

describe('the pages in Chromium, signed in with GitHub', () => {
  let stack: RunwayStack;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let repo: { owner: string; name: string; installationId: number };
  let runwayId = 0;
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    stack = await startRunwayStack('postgres');
    repo = stack.github.createRepo({ owner: O, name: R, private: true, files: { '.github/deploy.yml': config } });
    stack.github.setPermission(O, R, 'alice', 'write');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('signs in through the fake GitHub from a log_url, watches the log arrive, reloads mid-deployment and resumes without gaps or repeats', async () => {
    await browser.context.addCookies([{ name: FAKE_USER_COOKIE, value: 'alice', url: stack.github.url }]);
    ({ runwayId } = await startApiDeployment(stack.github, repo, { environment: 'production' }));
    const page = await browser.context.newPage();
    const lines = async () => ((await page.locator('#log').textContent()) ?? '').split('\n').filter(Boolean);

    // A signed-out browser on the log page: the sign-in link goes to GitHub and back to the log.
    await page.goto(`${stack.runway.url}/deployments/${runwayId}`);
    await page.getByRole('link', { name: 'Sign in with GitHub' }).click();
    await page.waitForURL(`${stack.runway.url}/deployments/${runwayId}`);
    await page.locator('#log', { hasText: 'line 5' }).waitFor();
    const before = (await lines()).filter((l) => /^line \d+$/.test(l)).length;
    await page.screenshot({ path: `${SCREENSHOTS}/deployment-running.png`, fullPage: true });

    // Lines arrive without a reload; then a reload mid-deployment resumes the tail.
    await page.locator('#log', { hasText: `line ${Math.min(before + 5, LINES - 10)}` }).waitFor();
    expect(await page.locator('#state').textContent()).toBe('in_progress');
    await page.reload();
    await page.locator('#state', { hasText: 'success' }).waitFor({ timeout: 30_000 });
    await page.locator('#log', { hasText: `line ${LINES}` }).waitFor();
    const numbered = (await lines()).filter((l) => /^line \d+$/.test(l));
    expect(numbered).toEqual(Array.from({ length: LINES }, (_, i) => `line ${i + 1}`));
    const stored = (await (await fetchRunwayPage(stack.runway.url, `/deployments/${runwayId}/log.json`)).json()) as {
      lines: { line: string }[];
    };
    expect(await lines()).toEqual(stored.lines.map((l) => l.line));
    await page.screenshot({ path: `${SCREENSHOTS}/deployment-finished.png`, fullPage: true });

    for (const [name, path] of [
      ['environments', '/'],
      ['history', '/history'],
      ['delivery', '/delivery'],
    ] as const) {
      await page.goto(`${stack.runway.url}${path}`);
      expect(await page.content()).toContain(`${O}/${R}`);
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
      expect(await accessibilityViolations(page), path).toEqual([]);
      // Readable on a phone: nothing wider than the screen but the tables' own scrolling boxes.
      await page.setViewportSize({ width: 375, height: 740 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at 375 px`).toBeLessThanOrEqual(375);
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-phone.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 720 });
    }
    await page.goto(`${stack.runway.url}/deployments/${runwayId}`);
    expect(await accessibilityViolations(page), 'deployment page').toEqual([]);
    // The check can fail: an image without a text alternative is caught.
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main></html>');
    expect(await accessibilityViolations(page)).toEqual([expect.stringMatching(/^image-alt: /)]);
  });

  it('gives a second user a 404 on the log URL of a repository they cannot read', async () => {
    await browser.context.clearCookies();
    await browser.context.addCookies([{ name: FAKE_USER_COOKIE, value: 'mallory', url: stack.github.url }]);
    const page = await browser.context.newPage();
    const res = await page.goto(`${stack.runway.url}/login/github?next=${encodeURIComponent(`/deployments/${runwayId}`)}`);
    expect(page.url()).toBe(`${stack.runway.url}/deployments/${runwayId}`);
    expect(res?.status()).toBe(404);
    expect(await page.content()).not.toContain(R);
  });
});
