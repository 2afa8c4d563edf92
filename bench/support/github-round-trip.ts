/**
 * The floor under every GitHub call Runway makes in the overhead runs: one request at a time from
 * an Octokit with Probot's plugins (as Runway's, write throttling off as in the sandbox) to the
 * fake GitHub, in the bench's own process. A deploy's GitHub calls in series cannot be faster.
 */
import { ProbotOctokit } from 'probot';
import type { FakeGitHub } from '../../sandbox/github/index.ts';
import { OWNER, REPO } from './bench-repo.ts';
import { percentile } from './stats.ts';

export async function githubRoundTripMs(github: FakeGitHub, token: string, count = 30): Promise<number> {
  const octokit = new ProbotOctokit({ auth: { token }, baseUrl: `${github.url}/api/v3`, throttle: { enabled: false } });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await octokit.rest.repos.getBranch({ owner: OWNER, repo: REPO, branch: 'main' });
    times.push(performance.now() - started);
  }
  // The first requests pay for connections and warm-up; a deploy's calls reuse both.
  return percentile(times.slice(5), 50);
}
