import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_USER_COOKIE } from '../../sandbox/github/index.ts';
import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';
import { seedDeployments, type SeededDeployment } from '../../sandbox/seed-deployments.ts';
import { deployThroughApi, startApiDeployment } from '../support/api-deployment.ts';
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
const QUICK = `environments:\n  production:\n    branch: main\n    backend: { provider: command, run: echo deployed }\n`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Three merges over the last week, one failed change in between and the one that restored it. */
function seededHistory(installationId: number): SeededDeployment[] {
  const now = Date.now();
  const where = { owner: O, repo: 'history', environment: 'production', installationId };
  const merge = (daysAgo: number, leadHours: number, liveAfterMin: number): SeededDeployment => {
    const createdAt = new Date(now - daysAgo * DAY);
    return {
      ...where,
      state: 'inactive',
      createdAt,
      firstCommitAt: new Date(createdAt.getTime() - leadHours * HOUR),
      finishedAt: new Date(createdAt.getTime() + liveAfterMin * 60_000),
    };
  };
  const failedAt = new Date(now - 2 * DAY);
  return [
    merge(3, 1, 10),
    {
      ...where,
      state: 'failure',
      createdAt: failedAt,
      firstCommitAt: new Date(failedAt.getTime() - HOUR),
      finishedAt: new Date(failedAt.getTime() + 5 * 60_000),
    },
    merge(2 - 1 / 24, 3, 15),
    { ...merge(1, 0.5, 5), state: 'success' },
  ];
}

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
    // A private repository alice cannot read, with a deployment of its own.
    const hidden = stack.github.createRepo({ owner: 'other', name: 'hidden', private: true, files: { '.github/deploy.yml': QUICK } });
    await deployThroughApi(stack.github, hidden, { environment: 'production' });
    // A history for the delivery page, seeded before any page computes the figures (they are kept a minute).
    const history = stack.github.createRepo({ owner: O, name: 'history', private: true, files: { '.github/deploy.yml': QUICK } });
    stack.github.setPermission(O, 'history', 'alice', 'read');
    await seedDeployments(stack.runway.db, seededHistory(history.installationId));
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

  it('shows only the repositories the user can read, and the delivery figures of a seeded history as the test computes them', async () => {
    await browser.context.clearCookies();
    await browser.context.addCookies([{ name: FAKE_USER_COOKIE, value: 'alice', url: stack.github.url }]);
    const page = await browser.context.newPage();
    await page.goto(`${stack.runway.url}/login/github?next=%2F`);
    await page.waitForURL(`${stack.runway.url}/`);
    const repositories = await page.locator('tbody tr td:first-child').allTextContents();
    expect(new Set(repositories)).toEqual(new Set([`${O}/${R}`, `${O}/history`]));
    expect(await page.content()).not.toContain('other/hidden');

    // The figures of the last 7 days, computed here from the seeded history.
    const seeded = seededHistory(0);
    const live = seeded.filter((d) => d.state !== 'failure');
    const leads = live.map((d) => d.finishedAt!.getTime() - d.firstCommitAt!.getTime()).sort((a, b) => a - b);
    const nearestRank = (p: number) => leads[Math.ceil((p / 100) * leads.length) - 1]!;
    const failed = seeded.find((d) => d.state === 'failure')!;
    const restored = live.find((d) => d.finishedAt! > failed.finishedAt!)!;
    const minutes = (ms: number) => `${Math.floor(ms / HOUR)} h ${Math.round((ms % HOUR) / 60_000)} min`;
    const expected = [
      `${live.length} (${(live.length / 7).toFixed(2)} a day)`,
      minutes(nearestRank(50)),
      minutes(nearestRank(90)),
      `${Math.round((100 * 1) / seeded.length)} %`,
      minutes(restored.finishedAt!.getTime() - failed.finishedAt!.getTime()),
    ];
    await page.goto(`${stack.runway.url}/delivery`);
    const section = page.getByRole('region', { name: `${O}/history · production` });
    const cells = await section
      .getByRole('row', { name: /^7 days/ })
      .getByRole('cell')
      .allTextContents();
    expect(cells).toEqual(expected);
  });

  it('rolls back from the environments page and shows the rollback run', async () => {
    const repoDeployments = () => stack.github.deployments(O, R);
    const before = repoDeployments().at(-1)!;
    stack.github.commit(O, R, { branch: 'main', files: { VERSION: '2' } });
    await deployThroughApi(stack.github, repo, { environment: 'production' });
    const page = await browser.context.newPage();
    await page.goto(`${stack.runway.url}/`);
    await page
      .getByRole('row')
      .filter({ hasText: `${O}/${R}` })
      .getByRole('button', { name: 'Roll back production' })
      .click();
    await page.getByRole('heading', { name: 'Requested' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain(`Rollback to ${before.sha.slice(0, 7)}`);
    expect(await accessibilityViolations(page), 'action answer').toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/rollback-requested.png`, fullPage: true });

    // The rollback appears in the environment's history once GitHub announced it; its page follows it live.
    const rollback = await stack.github.waitFor(
      () => repoDeployments().find((d) => d.task === 'deploy:rollback' && d.statuses.some((s) => s.logUrl)),
      { what: 'the rollback to start' },
    );
    const runwayId = /\/deployments\/(\d+)$/.exec(rollback.statuses.find((s) => s.logUrl)!.logUrl)![1]!;
    await page.getByRole('link', { name: 'History of this environment' }).click();
    await page.getByRole('link', { name: runwayId, exact: true }).click();
    await page.locator('#log', { hasText: 'line 1' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/rollback-running.png`, fullPage: true });
    await page.locator('#state', { hasText: 'success' }).waitFor({ timeout: 30_000 });
    await page.locator('#log', { hasText: `line ${LINES}` }).waitFor();
    expect(await page.getByText('deploy:rollback', { exact: true }).count()).toBe(1);
    expect(await page.content()).toContain('requested by @alice');
    expect(rollback.sha).toBe(before.sha);
  });
});
