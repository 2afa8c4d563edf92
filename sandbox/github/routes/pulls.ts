import { Hono } from 'hono';
import type { Env, FakeContext } from '../context.ts';
import { intParam, repoParams } from '../context.ts';
import { ancestors, diffTrees, mergeBase, type Commit } from '../git-model.ts';
import { paginate } from '../pagination.ts';
import { commitShape } from '../shapes/commit.ts';
import { pullRequestShape } from '../shapes/pull-request.ts';
import type { FakeState, PullRecord, RepoRecord } from '../state.ts';

/** The files a pull request changes: from the merge base of base and head to head (three-dot, like GitHub). */
export function pullFiles(state: FakeState, repo: RepoRecord, pr: PullRecord): ReturnType<typeof diffTrees> {
  const headSha = state.headSha(repo, pr);
  const baseSha = pr.mergedBaseSha ?? repo.branches.get(pr.base) ?? '';
  const mb = mergeBase(repo.commits, baseSha, headSha) ?? baseSha;
  return diffTrees(repo.commits.get(mb)?.files ?? new Map(), repo.commits.get(headSha)?.files ?? new Map());
}

/** The commits of a pull request, oldest first: those of its head that its base did not have (at most 250, like GitHub). */
export function pullCommits(state: FakeState, repo: RepoRecord, pr: PullRecord): Commit[] {
  const baseSha = pr.mergedBaseSha ?? repo.branches.get(pr.base) ?? '';
  const onBase = ancestors(repo.commits, baseSha);
  const own = [...ancestors(repo.commits, state.headSha(repo, pr))].filter((sha) => !onBase.has(sha));
  return own
    .map((sha) => repo.commits.get(sha)!)
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, 250);
}

/** Pull requests: one, a list, its files, and the pulls a commit belongs to. */
export function pullRoutes(ctx: FakeContext): Hono<Env> {
  const app = new Hono<Env>();
  const { state, urls } = ctx;
  const withCounts = (repo: RepoRecord, pr: PullRecord): Record<string, unknown> => {
    const files = pullFiles(state, repo, pr);
    return {
      ...pullRequestShape(urls, state, repo, pr),
      changed_files: files.length,
      additions: files.reduce((n, f) => n + f.additions, 0),
      deletions: files.reduce((n, f) => n + f.deletions, 0),
    };
  };

  app.get('/repos/:owner/:repo/pulls', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const wanted = c.req.query('state') ?? 'open';
    const list = [...repo.pulls.values()].filter((p) => wanted === 'all' || p.state === wanted).sort((a, b) => b.number - a.number);
    return c.json(paginate(c, list).map((p) => pullRequestShape(urls, state, repo, p)));
  });
  app.get('/repos/:owner/:repo/pulls/:number', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    return c.json(withCounts(repo, state.pull(repo, intParam(c, 'number'))));
  });
  app.get('/repos/:owner/:repo/pulls/:number/files', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const pr = state.pull(repo, intParam(c, 'number'));
    const headSha = state.headSha(repo, pr);
    const files = pullFiles(state, repo, pr).map((f) => ({
      ...f,
      blob_url: `${urls.web}/${repo.owner}/${repo.name}/blob/${headSha}/${f.filename}`,
      raw_url: `${urls.web}/${repo.owner}/${repo.name}/raw/${headSha}/${f.filename}`,
      contents_url: `${urls.api}/repos/${repo.owner}/${repo.name}/contents/${f.filename}?ref=${headSha}`,
    }));
    return c.json(paginate(c, files));
  });
  app.get('/repos/:owner/:repo/pulls/:number/commits', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const commits = pullCommits(state, repo, state.pull(repo, intParam(c, 'number')));
    return c.json(paginate(c, commits).map((commit) => commitShape(urls, repo, commit)));
  });
  app.get('/repos/:owner/:repo/commits/:sha/pulls', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const sha = state.mustResolve(repo, c.req.param('sha')).sha;
    const list = [...repo.pulls.values()].filter((p) => p.mergeSha === sha || state.headSha(repo, p) === sha);
    return c.json(list.map((p) => pullRequestShape(urls, state, repo, p)));
  });
  return app;
}
