import { Hono } from 'hono';
import type { Env, FakeContext } from '../context.ts';
import { repoParams } from '../context.ts';
import { userShape } from '../shapes/user.ts';
import type { Permission } from '../types.ts';

/** GitHub's legacy `permission` field folds maintain into write and triage into read. */
const legacy: Record<Permission, 'admin' | 'write' | 'read' | 'none'> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

export function collaboratorRoutes(ctx: FakeContext): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/repos/:owner/:repo/collaborators/:user/permission', (c) => {
    const repo = ctx.state.repo(repoParams(c).owner, repoParams(c).repo);
    const login = c.req.param('user');
    const role = [...repo.permissions.entries()].find(([who]) => who.toLowerCase() === login.toLowerCase())?.[1] ?? 'none';
    const rank = ['none', 'read', 'triage', 'write', 'maintain', 'admin'].indexOf(role);
    const user = {
      ...userShape(ctx.urls, login),
      permissions: { admin: rank >= 5, maintain: rank >= 4, push: rank >= 3, triage: rank >= 2, pull: rank >= 1 },
      role_name: role,
    };
    return c.json({ permission: legacy[role], role_name: role, user });
  });
  return app;
}
