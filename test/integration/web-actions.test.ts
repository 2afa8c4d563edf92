import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRunwayPage, SANDBOX_SESSION_SECRET } from '../../sandbox/runway-pages.ts';
import { csrfToken } from '../../src/web/actions/csrf-token.ts';
import { deployThroughApi } from '../support/api-deployment.ts';
import { signInWithGitHub } from '../support/github-browser.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

const O = 'acme';
const R = 'shop';
const config = `environments:
  production:
    branch: main
    backend: { provider: command, run: echo deployed }
`;

describe('lock and unlock from the pages (postgres store)', () => {
  let stack: RunwayStack;
  beforeAll(async () => {
    stack = await startRunwayStack('postgres');
    const repo = stack.github.createRepo({ owner: O, name: R, private: true, files: { '.github/deploy.yml': config } });
    stack.github.setPermission(O, R, 'alice', 'write');
    stack.github.setPermission(O, R, 'bob', 'read');
    await deployThroughApi(stack.github, repo, { environment: 'production' });
  });
  afterAll(() => stack?.close());

  const lockRow = async () =>
    stack.runway.db.query<{ owner: string; reason: string | null }>('SELECT owner, reason FROM environment_locks');
  const csrfOf = async (cookie: string) =>
    /name="csrf" value="([^"]+)"/.exec(await (await fetch(`${stack.runway.url}/`, { headers: { cookie } })).text())?.[1];
  const post = (action: string, cookie: string, form: Record<string, string>, origin = stack.runway.url) =>
    fetch(`${stack.runway.url}/environments/${O}/${R}/production/${action}`, {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      redirect: 'manual',
    });

  it('locks and unlocks for a user the comment commands would allow, with the reply a comment would get', async () => {
    const alice = (await signInWithGitHub(stack.runway.url, 'alice')).session!;
    const csrf = (await csrfOf(alice))!;
    expect(csrf).toMatch(/^[\w-]{43}$/);
    const locked = await post('lock', alice, { csrf, reason: 'release freeze' });
    expect(locked.status).toBe(200);
    expect(await locked.text()).toContain('is locked by @alice: release freeze');
    expect(await lockRow()).toEqual([{ owner: 'alice', reason: 'release freeze' }]);
    const home = await (await fetch(`${stack.runway.url}/`, { headers: { cookie: alice } })).text();
    expect(home).toContain('locked by @alice: release freeze');
    const unlocked = await post('unlock', alice, { csrf });
    expect(unlocked.status).toBe(200);
    expect(await unlocked.text()).toContain('is unlocked (it was locked by @alice)');
    expect(await lockRow()).toEqual([]);
  });

  it('refuses a read-only user, a POST without the CSRF token or from another site, and the operator token; nothing changes', async () => {
    const bob = (await signInWithGitHub(stack.runway.url, 'bob')).session!;
    const refused = await post('lock', bob, { csrf: (await csrfOf(bob))! });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Refused: @bob has read access to this repository; this needs write or more.');

    const alice = (await signInWithGitHub(stack.runway.url, 'alice')).session!;
    const csrf = (await csrfOf(alice))!;
    expect((await post('lock', alice, {})).status).toBe(403);
    expect((await post('lock', alice, { csrf: (await csrfOf(bob))! })).status).toBe(403);
    expect((await post('lock', alice, { csrf }, 'https://evil.example')).status).toBe(403);
    const operator = await fetchRunwayPage(stack.runway.url, `/environments/${O}/${R}/production/lock`, {
      method: 'POST',
      headers: { origin: stack.runway.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf }),
    });
    expect(operator.status).toBe(405);
    expect(await lockRow()).toEqual([]);

    // A repository the user cannot read is a 404, like one Runway never deployed.
    const mallory = (await signInWithGitHub(stack.runway.url, 'mallory')).session!;
    const malloryCsrf = csrfToken(SANDBOX_SESSION_SECRET, mallory.split('=')[1]!);
    expect((await post('lock', mallory, { csrf: malloryCsrf })).status).toBe(404);
    expect(await lockRow()).toEqual([]);
  });
});

describe('redeploy and roll back from the pages (postgres store)', () => {
  let stack: RunwayStack;
  let repo: { owner: string; name: string; installationId: number };
  let first: string;
  let second: string;
  beforeAll(async () => {
    stack = await startRunwayStack('postgres');
    repo = stack.github.createRepo({ owner: O, name: 'app', private: true, files: { '.github/deploy.yml': config } });
    stack.github.setPermission(O, 'app', 'alice', 'write');
    stack.github.setPermission(O, 'app', 'bob', 'read');
    first = (await deployThroughApi(stack.github, repo, { environment: 'production' })).sha;
    stack.github.commit(O, 'app', { branch: 'main', files: { VERSION: '2' } });
    second = (await deployThroughApi(stack.github, repo, { environment: 'production' })).sha;
  });
  afterAll(() => stack?.close());

  const post = (action: string, cookie: string, csrf: string) =>
    fetch(`${stack.runway.url}/environments/${O}/app/production/${action}`, {
      method: 'POST',
      headers: { cookie, origin: stack.runway.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf }),
    });
  const csrfFor = (cookie: string) => csrfToken(SANDBOX_SESSION_SECRET, cookie.split('=')[1]!);
  /** The newest deployment of `task` and `sha` once it ended, if it is newer than `after`. */
  const ended = (task: string, sha: string, after = 0) =>
    stack.github.waitFor(
      () => {
        const d = stack.github
          .deployments(O, 'app')
          .filter((d) => d.task === task && d.sha === sha && d.id > after)
          .at(-1);
        return d && ['success', 'failure', 'error'].includes(d.statuses.at(-1)?.state ?? '') ? d : undefined;
      },
      { what: `${task} of ${sha.slice(0, 7)} to end` },
    );

  it('refuses a read-only user with the comment reply, and creates nothing', async () => {
    const bob = (await signInWithGitHub(stack.runway.url, 'bob')).session!;
    for (const action of ['rollback', 'redeploy']) {
      const refused = await post(action, bob, csrfFor(bob));
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('Refused: @bob has read access to this repository; this needs write or more.');
    }
    const alice = (await signInWithGitHub(stack.runway.url, 'alice')).session!;
    expect((await post('rollback', alice, csrfFor(bob))).status).toBe(403);
    expect(stack.github.deployments(O, 'app')).toHaveLength(2);
  });

  it('rolls back to the release before the live one and redeploys the live one, as /rollback and /redeploy would', async () => {
    const alice = (await signInWithGitHub(stack.runway.url, 'alice')).session!;
    const home = await (await fetch(`${stack.runway.url}/`, { headers: { cookie: alice } })).text();
    expect(home).toContain(`action="/environments/${O}/app/production/rollback"`);

    const rolled = await post('rollback', alice, csrfFor(alice));
    expect(rolled.status).toBe(200);
    const answer = await rolled.text();
    expect(answer).toContain(`⏳ Rollback to <code>${first.slice(0, 7)}</code>`);
    expect(answer).toContain('to <strong>production</strong> requested by @alice');
    const rollback = await ended('deploy:rollback', first);
    expect(rollback.statuses.at(-1)!.state).toBe('success');
    expect(rollback.description).toBe("Rollback by @alice from Runway's pages");
    expect(rollback.payload).toMatchObject({ runway: { trigger: 'page', actor: 'alice' } });
    // Runway's own record names alice as its cause and no conversation: nothing is posted on GitHub.
    const origin = await stack.runway.db.query<{ trigger: string; actor: string; issue_number: number | null; rollback_to: number }>(
      'SELECT trigger, actor, issue_number, rollback_to FROM deployment_origins WHERE github_id = $1',
      [rollback.id],
    );
    expect(origin).toEqual([{ trigger: 'command', actor: 'alice', issue_number: null, rollback_to: expect.any(Number) }]);
    expect(stack.github.calls.filter((c) => c.method === 'POST' && /\/(comments|reactions)$/.test(c.path))).toEqual([]);
    const page = await (await fetch(`${stack.runway.url}/`, { headers: { cookie: alice } })).text();
    expect(page).toContain('<span class="state rollback">rollback</span>');
    expect(page).toContain('requested by @alice');

    const redeployed = await post('redeploy', alice, csrfFor(alice));
    expect(redeployed.status).toBe(200);
    expect(await redeployed.text()).toContain(`Redeployment of the live <code>${first.slice(0, 7)}</code>`);
    const again = await ended('deploy', first, rollback.id);
    expect(again.statuses.at(-1)!.state).toBe('success');
    expect(again.description).toBe("Deploy by @alice from Runway's pages");
    expect(second).not.toBe(first);
  });
});
