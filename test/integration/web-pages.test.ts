import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';
import { startApiDeployment } from '../support/api-deployment.ts';
import { signInWithGitHub } from '../support/github-browser.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';
import { slowLogDeployYml } from '../support/slow-log-deploy-yml.ts';
import { seedDeployments } from '../../sandbox/seed-deployments.ts';
import { readSse, type SseEvent } from '../support/sse-events.ts';

const O = 'acme';
const R = 'slow';
const LINES = 40;
const config = slowLogDeployYml(LINES);

describe('live log over Server-Sent Events, environments and history (postgres store)', () => {
  let stack: RunwayStack;
  let runwayId: number;
  let githubId: number;
  beforeAll(async () => {
    stack = await startRunwayStack('postgres');
    const repo = stack.github.createRepo({ owner: O, name: R, private: true, files: { '.github/deploy.yml': config } });
    stack.github.setPermission(O, R, 'alice', 'write');
    ({ githubId, runwayId } = await startApiDeployment(stack.github, repo, { environment: 'production' }));
  });
  afterAll(() => stack?.close());

  const events = (headers: Record<string, string> = {}, query = '') =>
    fetchRunwayPage(stack.runway.url, `/deployments/${runwayId}/events${query}`, { headers: { accept: 'text/event-stream', ...headers } });

  it('streams the log while it runs, and a reconnect with Last-Event-ID resumes without gaps or repeats', async () => {
    const first = await events();
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const seen: SseEvent[] = [];
    // Drop the connection after a few lines, mid-deployment, as a browser losing it would.
    await readSse(first, (e) => {
      seen.push(e);
      if (seen.filter((s) => s.event === 'line').length === 5) return 'stop';
    });
    const lastId = seen.filter((e) => e.event === 'line').at(-1)!.id!;
    // Dropped mid-deployment: not finished yet.
    const state = JSON.parse(seen.filter((e) => e.event === 'state').at(-1)!.data) as { state: string };
    expect(['queued', 'in_progress']).toContain(state.state);
    expect(seen.some((e) => e.event === 'end')).toBe(false);

    const again = await events({ 'last-event-id': lastId }, '?after=0');
    await readSse(again, (e) => {
      seen.push(e);
    });
    expect(seen.at(-1)!.event).toBe('end');
    const lines = seen.filter((e) => e.event === 'line');
    expect(lines.map((e) => Number(e.id))).toEqual(lines.map((_, i) => i + 1));
    const text = lines.map((e) => (JSON.parse(e.data) as { line: string }).line);
    const stored = (await (await fetchRunwayPage(stack.runway.url, `/deployments/${runwayId}/log.json`)).json()) as {
      lines: { line: string }[];
    };
    expect(text).toEqual(stored.lines.map((l) => l.line));
    for (let i = 1; i <= LINES; i += 1) expect(text).toContain(`line ${i}`);
    const final = seen.filter((e) => e.event === 'state').at(-1)!;
    expect(JSON.parse(final.data)).toMatchObject({ state: 'success' });
  });

  it('refuses a stream without a session, to a user who cannot read the repository, and with a bad Last-Event-ID', async () => {
    const anonymous = await fetch(`${stack.runway.url}/deployments/${runwayId}/events`, { headers: { accept: 'text/event-stream' } });
    expect(anonymous.status).toBe(401);
    const bob = (await signInWithGitHub(stack.runway.url, 'bob')).session!;
    const denied = await fetch(`${stack.runway.url}/deployments/${runwayId}/events`, { headers: { cookie: bob } });
    expect(denied.status).toBe(404);
    expect((await events({ 'last-event-id': 'seven' })).status).toBe(400);
  });

  it('shows what is live on the environments page, only to those who can read it', async () => {
    await stack.github.waitFor(
      () =>
        stack.github
          .deployments(O, R)
          .find((d) => d.id === githubId)
          ?.statuses.at(-1)?.state === 'success',
      {
        what: 'the deployment to succeed',
      },
    );
    const alice = (await signInWithGitHub(stack.runway.url, 'alice')).session!;
    const home = await (await fetch(`${stack.runway.url}/`, { headers: { cookie: alice } })).text();
    expect(home).toContain(`<a href="/deployments/${runwayId}">#${runwayId}</a>`);
    expect(home).toContain(`${O}/${R}`);
    const bob = (await signInWithGitHub(stack.runway.url, 'bob')).session!;
    const bobHome = await (await fetch(`${stack.runway.url}/`, { headers: { cookie: bob } })).text();
    expect(bobHome).not.toContain(`${O}/${R}`);
  });

  it('filters history by repository, environment, state and author, and pages by id', async () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const seeded = await seedDeployments(
      stack.runway.db,
      Array.from({ length: 120 }, (_, i) => ({
        owner: 'hist',
        repo: i % 2 === 0 ? 'even' : 'odd',
        environment: i % 3 === 0 ? 'staging' : 'production',
        state: i % 5 === 0 ? ('failure' as const) : ('success' as const),
        creator: i % 4 === 0 ? 'carol' : 'dave',
        createdAt: new Date(at.getTime() + i * 60_000),
      })),
    );
    const idsOn = async (path: string) => {
      const html = await (await fetchRunwayPage(stack.runway.url, path, { headers: { accept: 'text/html' } })).text();
      return {
        ids: [...html.matchAll(/<td><a href="\/deployments\/(\d+)">/g)].map((m) => Number(m[1])),
        next: /rel="next" href="([^"]+)"/.exec(html)?.[1],
      };
    };
    const expected = seeded.filter((_, i) => i % 2 === 0 && i % 3 !== 0 && i % 4 === 0).reverse();
    const page = await idsOn('/history?repository=hist%2Feven&environment=production&state=success&creator=carol');
    expect(page.ids).toEqual(expected.filter((id) => seeded.indexOf(id) % 5 !== 0));

    const all = seeded.filter((_, i) => i % 2 === 1).reverse();
    const first = await idsOn('/history?repository=hist%2Fodd');
    expect(first.ids).toEqual(all.slice(0, 50));
    const second = await idsOn(first.next!.replace(/&amp;/g, '&'));
    expect(second.ids).toEqual(all.slice(50, 60));
    expect(second.next).toBeUndefined();
    expect((await fetchRunwayPage(stack.runway.url, '/history?before=x')).status).toBe(400);
  });
});

describe('delivery metrics of a seeded history (postgres store)', () => {
  let stack: RunwayStack;
  let merged: { firstCommit: Date; githubId: number; pr: number };
  beforeAll(async () => {
    stack = await startRunwayStack('postgres');
    // A real merge whose branch began three days ago (before any page computes the figures: they are kept a minute).
    const quick = `environments:\n  production:\n    branch: main\n    backend: { provider: command, run: echo deployed }\n`;
    stack.github.createRepo({ owner: 'm', name: 'merged', private: true, files: { '.github/deploy.yml': quick } });
    const firstCommit = new Date(Math.floor((Date.now() - 3 * 86_400_000) / 1000) * 1000); // GitHub's dates are whole seconds
    stack.github.commit('m', 'merged', { branch: 'feature', files: { 'a.txt': '1' }, date: firstCommit.toISOString() });
    stack.github.commit('m', 'merged', {
      branch: 'feature',
      files: { 'a.txt': '2' },
      date: new Date(Date.now() - 86_400_000).toISOString(),
    });
    const pr = stack.github.openPullRequest('m', 'merged', { head: 'feature' });
    const { mergeSha } = await stack.github.mergePullRequest('m', 'merged', pr, { mergedBy: 'lead' });
    const deployment = await stack.github.waitFor(
      () => stack.github.deployments('m', 'merged').find((d) => d.sha === mergeSha && d.statuses.at(-1)?.state === 'success'),
      { what: 'the merge to deploy' },
    );
    merged = { firstCommit, githubId: deployment.id, pr };
    const now = Date.now();
    const at = (daysAgo: number, plusMinutes = 0) => new Date(now - daysAgo * 86_400_000 + plusMinutes * 60_000);
    const where = { owner: 'm', repo: 'app', environment: 'production' };
    await seedDeployments(stack.runway.db, [
      // A: a merge live after 2 d 30 min from its first commit, rolled back 90 min after going live.
      { ...where, state: 'inactive', firstCommitAt: at(12), createdAt: at(10), finishedAt: at(10, 30) },
      { ...where, state: 'inactive', task: 'deploy:rollback', purpose: 'rollback', createdAt: at(10, 120), finishedAt: at(10, 126) },
      // B: 1 d 10 min from first commit to live.
      { ...where, state: 'inactive', firstCommitAt: at(3), createdAt: at(2), finishedAt: at(2, 10) },
      // C: fails; D: 6 h 20 min from first commit, live 12 h 15 min after C failed.
      { ...where, state: 'failure', firstCommitAt: at(1.6), createdAt: at(1.5), finishedAt: at(1.5, 5) },
      { ...where, state: 'inactive', firstCommitAt: at(1.25), createdAt: at(1), finishedAt: at(1, 20) },
      // E: a redeploy (no change); F: a deployment another tool created (a change without a first commit).
      { ...where, state: 'inactive', purpose: 'redeploy', createdAt: at(0.5), finishedAt: at(0.5, 2) },
      { ...where, state: 'success', createdAt: at(0.25), finishedAt: at(0.25, 3) },
    ]);
  });
  afterAll(() => stack?.close());

  it('shows the figures the test computes itself, on /delivery and on /metrics', async () => {
    const min = 60;
    const [leadA, leadB, leadD] = [(2 * 24 * 60 + 30) * min, (24 * 60 + 10) * min, (6 * 60 + 20) * min];
    const restoreC = (12 * 60 + 15) * min;
    const restoreA = 96 * min;
    // 7 days: B C D E F. Live: B D E F. Lead times: D, B. Changes: B C D F, failed: C. Restore: C → D.
    // 30 and 90 days: all. Live: A R B D E F. Lead: D B A. Changes: A B C D F, failed: A (rolled back), C.
    // Restores: A → its rollback, C → D; median of two: the smaller (nearest rank).
    const metrics = await (await fetchRunwayPage(stack.runway.url, '/metrics')).text();
    const labels = (w: string) => `repository="m/app",environment="production",window="${w}"`;
    const expected = [
      `runway_delivery_deployments{${labels('7d')}} 4`,
      `runway_delivery_lead_time_seconds{${labels('7d')},quantile="0.5"} ${leadD}`,
      `runway_delivery_lead_time_seconds{${labels('7d')},quantile="0.9"} ${leadB}`,
      `runway_delivery_change_failure_ratio{${labels('7d')}} ${1 / 4}`,
      `runway_delivery_time_to_restore_seconds{${labels('7d')}} ${restoreC}`,
      `runway_delivery_deployments{${labels('30d')}} 6`,
      `runway_delivery_lead_time_seconds{${labels('30d')},quantile="0.5"} ${leadB}`,
      `runway_delivery_lead_time_seconds{${labels('30d')},quantile="0.9"} ${leadA}`,
      `runway_delivery_change_failure_ratio{${labels('30d')}} ${2 / 5}`,
      `runway_delivery_time_to_restore_seconds{${labels('30d')}} ${restoreA}`,
      `runway_delivery_deployments{${labels('90d')}} 6`,
    ];
    for (const line of expected) expect(metrics.split('\n'), line).toContain(line);

    const page = await (await fetchRunwayPage(stack.runway.url, '/delivery', { headers: { accept: 'text/html' } })).text();
    const row = (days: number) => new RegExp(`<th scope="row">${days} days</th>([\\s\\S]*?)</tr>`).exec(page)![1]!.replace(/\s+/g, ' ');
    expect(row(7)).toBe(' <td>4 (0.57 a day)</td> <td>6 h 20 min</td> <td>1 d 0 h</td> <td>25 %</td> <td>12 h 15 min</td> ');
    expect(row(30)).toBe(' <td>6 (0.20 a day)</td> <td>1 d 0 h</td> <td>2 d 0 h</td> <td>40 %</td> <td>1 h 36 min</td> ');
    expect(page).toMatch(
      /<svg\s+role="img"\s+aria-label="Deployments a day: 0.57 a day over 7 days, 0.20 a day over 30 days, 0.07 a day over 90 days"/,
    );
  });

  it("measures a merge's lead time from the first commit of its pull request to live", async () => {
    const [row] = await stack.runway.db.query<{ finished_at: Date; payload: { runway: Record<string, unknown> } }>(
      'SELECT finished_at, payload FROM deployments WHERE owner = $1 AND repo = $2 AND github_id = $3',
      ['m', 'merged', merged.githubId],
    );
    expect(row!.payload.runway.first_commit_at).toBe(merged.firstCommit.toISOString());
    const lead = (new Date(row!.finished_at).getTime() - merged.firstCommit.getTime()) / 1000;
    const metrics = await (await fetchRunwayPage(stack.runway.url, '/metrics')).text();
    const labels = 'repository="m/merged",environment="production",window="7d"';
    expect(metrics.split('\n')).toContain(`runway_delivery_lead_time_seconds{${labels},quantile="0.5"} ${lead}`);
    expect(lead).toBeGreaterThan(3 * 86_400);
    // The environments page names the merged pull request and its merger.
    const home = await (await fetchRunwayPage(stack.runway.url, '/', { headers: { accept: 'text/html' } })).text();
    expect(home).toContain(`/m/merged/pull/${merged.pr}">PR #${merged.pr}</a>`);
    expect(home).toContain('merged by @lead');
  });
});
