import { Hono } from 'hono';
import { newInstallationToken } from '../app-auth.ts';
import type { Env, FakeContext } from '../context.ts';
import { intParam, repoParams } from '../context.ts';
import { FakeHttpError } from '../http-error.ts';
import { userShape } from '../shapes/user.ts';

const permissions = {
  contents: 'read',
  checks: 'read',
  deployments: 'write',
  issues: 'write',
  pull_requests: 'write',
  statuses: 'write',
  metadata: 'read',
};

/** `/app/...` and `/repos/{o}/{r}/installation`: the routes GitHub answers for an App JWT. */
export function appRoutes(ctx: FakeContext): Hono<Env> {
  const app = new Hono<Env>();
  const installationShape = (id: number): Record<string, unknown> => {
    const inst = ctx.state.installations.get(id);
    if (!inst) throw new FakeHttpError(404, 'Not Found');
    return {
      id,
      account: userShape(ctx.urls, inst.account),
      repository_selection: 'all',
      access_tokens_url: `${ctx.urls.api}/app/installations/${id}/access_tokens`,
      repositories_url: `${ctx.urls.api}/installation/repositories`,
      html_url: `${ctx.urls.web}/settings/installations/${id}`,
      app_id: ctx.appId,
      app_slug: ctx.appSlug,
      target_id: userShape(ctx.urls, inst.account).id,
      target_type: 'Organization',
      permissions,
      events: ['check_run', 'check_suite', 'deployment', 'issue_comment', 'pull_request', 'status'],
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
      single_file_name: null,
      suspended_by: null,
      suspended_at: null,
    };
  };

  app.get('/app', (c) =>
    c.json({
      id: ctx.appId,
      slug: ctx.appSlug,
      node_id: `A_${ctx.appId}`,
      name: ctx.appSlug,
      owner: userShape(ctx.urls, 'runway-owner', 'Organization'),
      description: 'Fake app',
      external_url: ctx.urls.web,
      html_url: `${ctx.urls.web}/apps/${ctx.appSlug}`,
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
      permissions,
      events: ['check_run', 'check_suite', 'deployment', 'issue_comment', 'pull_request', 'status'],
      installations_count: ctx.state.installations.size,
    }),
  );
  app.get('/app/installations', (c) => c.json([...ctx.state.installations.keys()].map(installationShape)));
  app.get('/app/installations/:id', (c) => c.json(installationShape(intParam(c, 'id'))));
  app.post('/app/installations/:id/access_tokens', (c) => {
    const id = intParam(c, 'id');
    installationShape(id);
    const token = newInstallationToken();
    ctx.tokens.set(token, id);
    return c.json(
      {
        token,
        expires_at: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        permissions,
        repository_selection: 'all',
      },
      201,
    );
  });
  app.get('/repos/:owner/:repo/installation', (c) => {
    const { owner, repo } = repoParams(c);
    return c.json(installationShape(ctx.state.repo(owner, repo).installationId));
  });
  return app;
}
