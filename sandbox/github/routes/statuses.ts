import { Hono } from 'hono';
import { statusPayload } from '../checks/checks-test-api.ts';
import type { Env, FakeContext } from '../context.ts';
import { actorLogin, readJson, repoParams } from '../context.ts';
import { FakeHttpError } from '../http-error.ts';
import type { CommitStatus, RepoRecord } from '../state.ts';
import { repositoryShape } from '../shapes/repository.ts';
import { userShape } from '../shapes/user.ts';
import type { CommitState } from '../types.ts';

const states = new Set(['success', 'failure', 'pending', 'error']);

/** Commit statuses: create, list, combined. */
export function statusRoutes(ctx: FakeContext): Hono<Env> {
  const app = new Hono<Env>();
  const { state, urls } = ctx;
  const shape = (repo: RepoRecord, s: CommitStatus): Record<string, unknown> => ({
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/statuses/${s.id}`,
    avatar_url: null,
    id: s.id,
    node_id: `SC_${s.id}`,
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    creator: userShape(urls, s.creator),
  });

  app.post('/repos/:owner/:repo/statuses/:sha', async (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const commit = state.resolve(repo, c.req.param('sha'));
    if (!commit) throw new FakeHttpError(422, `No commit found for SHA: ${c.req.param('sha')}`);
    const body = await readJson(c);
    if (typeof body.state !== 'string' || !states.has(body.state))
      throw new FakeHttpError(422, 'Validation Failed', {
        errors: [{ resource: 'Status', field: 'state', code: 'custom', message: 'state is not included in the list' }],
      });
    const status = state.addCommitStatus(repo, commit.sha, {
      state: body.state as CommitState,
      context: typeof body.context === 'string' ? body.context : 'default',
      description: typeof body.description === 'string' ? body.description : null,
      targetUrl: typeof body.target_url === 'string' ? body.target_url : null,
      creator: actorLogin(c, repo.owner),
    });
    // GitHub sends `status` to subscribed apps for every status posted.
    ctx.sender.sendSoon('status', statusPayload(ctx, repo, commit.sha, status.id));
    return c.json(shape(repo, status), 201);
  });

  app.get('/repos/:owner/:repo/commits/:ref{.+}/statuses', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const commit = state.mustResolve(repo, c.req.param('ref'));
    return c.json([...(repo.statuses.get(commit.sha) ?? [])].reverse().map((s) => shape(repo, s)));
  });

  app.get('/repos/:owner/:repo/commits/:ref{.+}/status', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const commit = state.mustResolve(repo, c.req.param('ref'));
    const latest = [...state.latestStatuses(repo, commit.sha).values()];
    const combined =
      latest.length === 0
        ? 'pending'
        : latest.some((s) => s.state === 'failure' || s.state === 'error')
          ? 'failure'
          : latest.every((s) => s.state === 'success')
            ? 'success'
            : 'pending';
    return c.json({
      state: combined,
      statuses: latest.map((s) => shape(repo, s)),
      sha: commit.sha,
      total_count: latest.length,
      repository: repositoryShape(urls, repo),
      commit_url: `${urls.api}/repos/${repo.owner}/${repo.name}/commits/${commit.sha}`,
      url: `${urls.api}/repos/${repo.owner}/${repo.name}/commits/${commit.sha}/status`,
    });
  });
  return app;
}
