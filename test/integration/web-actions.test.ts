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
