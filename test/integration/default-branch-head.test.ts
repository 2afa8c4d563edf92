import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { defaultBranchHead } from '../../src/deployments/default-branch-head.ts';
import type { GitHubClient } from '../../src/github/github-client.ts';

const O = 'acme';
const R = 'depot';

describe('the default branch and its head, asked fresh', () => {
  let github: FakeGitHub;
  let client: GitHubClient;
  beforeAll(async () => {
    github = await startFakeGitHub({ webhookSecret: 'head-secret' });
    const { installationId } = github.createRepo({ owner: O, name: R, files: { VERSION: 'v1' } });
    client = new ProbotOctokit({
      auth: { token: github.issueToken(installationId) },
      baseUrl: `${github.url}/api/v3`,
      throttle: { enabled: false },
    });
  });
  afterAll(() => github?.close());

  /** What one lookup asked GitHub, in the order the requests arrived. */
  async function lookup() {
    const from = github.calls.length;
    const found = await defaultBranchHead(client, { owner: O, repo: R });
    const asked = github.calls.slice(from).map((c) => `${c.method} ${c.path}`);
    return { found, asked };
  }

  it('asks the repository, then the branch it names; next time both at once', async () => {
    const main = github.commit(O, R, { branch: 'main', files: { VERSION: 'v2' } });
    const first = await lookup();
    expect(first.found).toMatchObject({ defaultBranch: 'main', head: main, repository: { owner: O, name: R } });
    expect(first.asked).toEqual([`GET /repos/${O}/${R}`, `GET /repos/${O}/${R}/branches/main`]);

    const next = github.commit(O, R, { branch: 'main', files: { VERSION: 'v3' } });
    const second = await lookup();
    // The head is fresh: the commit pushed since the first lookup.
    expect(second.found.head).toBe(next);
    expect(second.asked.sort()).toEqual([`GET /repos/${O}/${R}`, `GET /repos/${O}/${R}/branches/main`]);
  });

  it('follows a new default branch at once: the remembered name is only a guess GitHub must confirm', async () => {
    const release = github.commit(O, R, { branch: 'release', files: { VERSION: 'r1' } });
    github.setDefaultBranch(O, R, 'release');
    const moved = await lookup();
    expect(moved.found).toMatchObject({ defaultBranch: 'release', head: release });
    // The guess (main) was asked beside the repository; its answer was not used.
    expect(moved.asked.sort()).toEqual([
      `GET /repos/${O}/${R}`,
      `GET /repos/${O}/${R}/branches/main`,
      `GET /repos/${O}/${R}/branches/release`,
    ]);
    expect(moved.asked.at(-1)).toBe(`GET /repos/${O}/${R}/branches/release`);
  });
});
