import { Hono } from 'hono';
import { blobSha, diffTrees, mergeBase } from '../git-model.ts';
import type { Env, FakeContext } from '../context.ts';
import { repoParams } from '../context.ts';
import { FakeHttpError } from '../http-error.ts';
import { branchShape, commitShape } from '../shapes/commit.ts';
import { repositoryShape } from '../shapes/repository.ts';
import { makeTarball } from '../tarball.ts';

/** Repository, commits, branches, contents, compare and the tarball archive. */
export function repoRoutes(ctx: FakeContext): Hono<Env> {
  const app = new Hono<Env>();
  const { state, urls } = ctx;

  app.get('/repos/:owner/:repo', (c) => {
    const { owner, repo } = repoParams(c);
    return c.json({
      ...repositoryShape(urls, state.repo(owner, repo)),
      permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    });
  });

  app.get('/repos/:owner/:repo/branches/:branch{.+}', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const name = c.req.param('branch');
    const sha = repo.branches.get(name);
    if (!sha) throw new FakeHttpError(404, 'Branch not found');
    const required = ctx.checks.requiredByProtection(`${repo.owner}/${repo.name}`.toLowerCase(), name);
    return c.json(branchShape(urls, repo, name, state.mustResolve(repo, sha), required));
  });

  app.get('/repos/:owner/:repo/commits/:ref{.+}', (c, next) => {
    const ref = c.req.param('ref');
    // `/commits/{ref}/status`, `/statuses` and `/pulls` belong to other route files.
    if (/\/(status|statuses|pulls)$/.test(ref)) return next();
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const commit = state.resolve(repo, ref);
    if (!commit) throw new FakeHttpError(422, `No commit found for SHA: ${ref}`);
    const parent = commit.parents[0] ? repo.commits.get(commit.parents[0]) : undefined;
    const files = diffTrees(parent?.files ?? new Map(), commit.files);
    const stats = files.reduce(
      (s, f) => ({ additions: s.additions + f.additions, deletions: s.deletions + f.deletions, total: s.total + f.changes }),
      { additions: 0, deletions: 0, total: 0 },
    );
    return c.json({
      ...commitShape(urls, repo, commit),
      stats,
      files: files.map((f) => ({
        ...f,
        blob_url: `${urls.web}/${repo.owner}/${repo.name}/blob/${commit.sha}/${f.filename}`,
        raw_url: `${urls.web}/${repo.owner}/${repo.name}/raw/${commit.sha}/${f.filename}`,
        contents_url: `${urls.api}/repos/${repo.owner}/${repo.name}/contents/${f.filename}?ref=${commit.sha}`,
      })),
    });
  });

  app.get('/repos/:owner/:repo/contents/:path{.*}', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const commit = state.mustResolve(repo, c.req.query('ref') ?? repo.defaultBranch);
    const path = (c.req.param('path') ?? '').replace(/^\/+|\/+$/g, '');
    const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
    const html = `${urls.web}/${repo.owner}/${repo.name}`;
    const fileShape = (p: string, content: string | null, type: 'file' | 'dir'): Record<string, unknown> => {
      const sha = type === 'file' ? blobSha(content ?? '') : blobSha(`tree:${p}`);
      const links = {
        self: `${api}/contents/${p}?ref=${commit.sha}`,
        git: `${api}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`,
        html: `${html}/${type === 'file' ? 'blob' : 'tree'}/${commit.sha}/${p}`,
      };
      return {
        type,
        name: p.split('/').pop(),
        path: p,
        sha,
        size: type === 'file' ? Buffer.byteLength(content ?? '') : 0,
        url: links.self,
        html_url: links.html,
        git_url: links.git,
        download_url: type === 'file' ? `${html}/raw/${commit.sha}/${p}` : null,
        _links: links,
      };
    };
    const content = commit.files.get(path);
    if (content !== undefined) {
      return c.json({
        ...fileShape(path, content, 'file'),
        encoding: 'base64',
        content: Buffer.from(content)
          .toString('base64')
          .replace(/(.{60})/g, '$1\n'),
      });
    }
    // A folder lists its direct children, as the contents API does for a directory.
    const prefix = path === '' ? '' : `${path}/`;
    const children = new Map<string, 'file' | 'dir'>();
    for (const file of commit.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const [first, ...more] = rest.split('/');
      children.set(`${prefix}${first}`, more.length > 0 ? 'dir' : 'file');
    }
    if (children.size === 0) throw new FakeHttpError(404, 'Not Found');
    return c.json([...children.entries()].sort().map(([p, type]) => fileShape(p, commit.files.get(p) ?? null, type)));
  });

  app.get('/repos/:owner/:repo/compare/:basehead{.+}', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const [baseRef, headRef] = (c.req.param('basehead') ?? '').split('...');
    if (!baseRef || !headRef) throw new FakeHttpError(404, 'Not Found');
    const base = state.mustResolve(repo, baseRef);
    const head = state.mustResolve(repo, headRef);
    const mb = mergeBase(repo.commits, base.sha, head.sha);
    const from = mb ? (repo.commits.get(mb) ?? base) : base;
    const files = diffTrees(from.files, head.files);
    const ahead = countBetween(repo.commits, from.sha, head.sha);
    const behind = countBetween(repo.commits, from.sha, base.sha);
    const status = ahead === 0 && behind === 0 ? 'identical' : behind === 0 ? 'ahead' : ahead === 0 ? 'behind' : 'diverged';
    const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
    return c.json({
      url: `${api}/compare/${baseRef}...${headRef}`,
      html_url: `${urls.web}/${repo.owner}/${repo.name}/compare/${baseRef}...${headRef}`,
      base_commit: commitShape(urls, repo, base),
      merge_base_commit: commitShape(urls, repo, from),
      status,
      ahead_by: ahead,
      behind_by: behind,
      total_commits: ahead,
      commits: [],
      files,
    });
  });

  app.get('/repos/:owner/:repo/tarball/:ref{.*}', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const commit = state.mustResolve(repo, c.req.param('ref') || repo.defaultBranch);
    return c.redirect(`${urls.web}/_codeload/${repo.owner}/${repo.name}/legacy.tar.gz/${commit.sha}`, 302);
  });
  return app;
}

function countBetween(commits: Map<string, { parents: string[] }>, from: string, to: string): number {
  let count = 0;
  const seen = new Set<string>();
  const queue = [to];
  while (queue.length > 0) {
    const sha = queue.shift() as string;
    if (sha === from || seen.has(sha)) continue;
    seen.add(sha);
    count += 1;
    queue.push(...(commits.get(sha)?.parents ?? []));
  }
  return count;
}

/** The codeload host's archive download, served on the fake's own origin without auth. */
export function codeloadRoutes(ctx: FakeContext): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/_codeload/:owner/:repo/legacy.tar.gz/:sha', (c) => {
    const repo = ctx.state.repo(repoParams(c).owner, repoParams(c).repo);
    const commit = ctx.state.mustResolve(repo, c.req.param('sha'));
    const top = `${repo.owner}-${repo.name}-${commit.sha.slice(0, 7)}`;
    const body = makeTarball(top, commit.sha, commit.files);
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': 'application/x-gzip',
      'Content-Disposition': `attachment; filename=${top}.tar.gz`,
      'Content-Length': String(body.length),
    });
  });
  return app;
}
