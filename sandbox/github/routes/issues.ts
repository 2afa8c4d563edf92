import { Hono } from 'hono';
import type { Env, FakeContext } from '../context.ts';
import { actorLogin, actorType, intParam, readJson, repoParams } from '../context.ts';
import { FakeHttpError } from '../http-error.ts';
import { paginate } from '../pagination.ts';
import { commentShape, issueShape } from '../shapes/issue.ts';
import { userShape } from '../shapes/user.ts';
import { now } from '../state.ts';

const reactionContents = new Set(['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes']);

/** Issues (the issue side of PRs), issue comments and their reactions. */
export function issueRoutes(ctx: FakeContext): Hono<Env> {
  const app = new Hono<Env>();
  const { state, urls } = ctx;

  app.get('/repos/:owner/:repo/issues/comments/:id', (c) => {
    const found = state.findComment(intParam(c, 'id'));
    if (!found) throw new FakeHttpError(404, 'Not Found');
    return c.json(commentShape(urls, state, found.repo, found.comment));
  });

  app.patch('/repos/:owner/:repo/issues/comments/:id', async (c) => {
    const found = state.findComment(intParam(c, 'id'));
    if (!found) throw new FakeHttpError(404, 'Not Found');
    const body = await readJson(c);
    if (typeof body.body !== 'string')
      throw new FakeHttpError(422, 'Validation Failed', { errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }] });
    found.comment.body = body.body;
    found.comment.edits += 1;
    found.comment.updatedAt = now();
    return c.json(commentShape(urls, state, found.repo, found.comment));
  });

  app.post('/repos/:owner/:repo/issues/comments/:id/reactions', async (c) => {
    const found = state.findComment(intParam(c, 'id'));
    if (!found) throw new FakeHttpError(404, 'Not Found');
    const body = await readJson(c);
    const content = String(body.content);
    if (!reactionContents.has(content))
      throw new FakeHttpError(422, 'Validation Failed', { errors: [{ resource: 'Reaction', code: 'invalid', field: 'content' }] });
    const user = actorLogin(c, found.repo.owner);
    const list = state.reactions.get(found.comment.id) ?? [];
    const shape = (r: (typeof list)[number]): Record<string, unknown> => ({
      id: r.id,
      node_id: `REA_${r.id}`,
      user: userShape(urls, r.user),
      content: r.content,
      created_at: r.createdAt,
    });
    // The same user reacting the same way again gets the existing reaction back with 200.
    const existing = list.find((r) => r.user === user && r.content === content);
    if (existing) return c.json(shape(existing), 200);
    const reaction = { id: state.nextId('reaction'), content, user, userType: 'Bot' as const, createdAt: now() };
    list.push(reaction);
    state.reactions.set(found.comment.id, list);
    return c.json(shape(reaction), 201);
  });

  app.get('/repos/:owner/:repo/issues/:number', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const number = intParam(c, 'number');
    if (!repo.pulls.has(number) && !repo.issues.has(number)) throw new FakeHttpError(404, 'Not Found');
    return c.json(issueShape(urls, state, repo, number));
  });

  app.get('/repos/:owner/:repo/issues/:number/comments', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const number = intParam(c, 'number');
    const list = repo.comments.filter((x) => x.issueNumber === number);
    return c.json(paginate(c, list).map((x) => commentShape(urls, state, repo, x)));
  });

  app.post('/repos/:owner/:repo/issues/:number/comments', async (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const number = intParam(c, 'number');
    if (!repo.pulls.has(number) && !repo.issues.has(number)) throw new FakeHttpError(404, 'Not Found');
    const body = await readJson(c);
    if (typeof body.body !== 'string' || body.body === '')
      throw new FakeHttpError(422, 'Validation Failed', { errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }] });
    if (body.body.length > 65_536)
      throw new FakeHttpError(422, 'Validation Failed', {
        errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }],
      });
    const at = now();
    const comment = {
      id: state.nextId('comment'),
      issueNumber: number,
      body: body.body,
      user: actorLogin(c, repo.owner),
      userType: actorType(c),
      createdAt: at,
      updatedAt: at,
      edits: 0,
    };
    repo.comments.push(comment);
    return c.json(commentShape(urls, state, repo, comment), 201);
  });
  return app;
}
