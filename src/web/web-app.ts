import { Hono } from 'hono';
import type { BuildInfo } from '../server/build-info.ts';
import type { Database } from '../store/database.ts';
import { getDeployment, listDeployments } from '../store/deployments-store.ts';
import { readLogLines } from '../store/log-store.ts';
import { listSteps } from '../store/steps-store.ts';
import { addGitHubSignInRoutes, GITHUB_SIGN_IN_PATHS } from './access/github-sign-in-routes.ts';
import { identifyCaller, type WebAccessOptions, type WebEnv } from './access/identify-caller.ts';
import { addLoginRoutes, LOGIN_PATHS } from './access/login-routes.ts';
import { repositoryAccessCheck, type RepositoryAccessCheck } from './access/repository-access.ts';
import { requireAccess } from './access/require-access.ts';
import { dashboardPage } from './pages/dashboard-page.ts';
import { deploymentPage, deploymentText } from './pages/deployment-page.ts';

export interface WebAppDeps {
  db: Database;
  runningJobs: () => number;
  access: Omit<WebAccessOptions, 'db'>;
  build: BuildInfo;
}

/**
 * Runway's own pages: dashboard, deployment log pages (with a JSON tail), health and metrics. All
 * of them are locked (see `requireAccess`) except `/healthz` and the sign-in routes. A GitHub
 * user sees only the repositories they may read; anything else is a 404, the same answer as for
 * an id that does not exist, so a private repository's deployments are not confirmed.
 */
export function createWebApp(deps: WebAppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const access: WebAccessOptions = { ...deps.access, db: deps.db };
  const signIn = access.githubSignIn;
  const canSee: RepositoryAccessCheck = signIn
    ? repositoryAccessCheck({ github: signIn.github, publicLogRole: signIn.publicLogRole })
    : async (caller) =>
        caller.kind === 'admin' ? { read: true, logs: true, role: 'operator' } : { read: false, logs: false, role: 'none' };
  app.use('*', requireAccess({ ...access, publicPaths: ['/healthz', ...LOGIN_PATHS, ...GITHUB_SIGN_IN_PATHS] }));
  addLoginRoutes(app, access);
  addGitHubSignInRoutes(app, access);

  // Anyone may ask whether Runway is healthy (load balancers, uptime checks); what it runs and why
  // it is not healthy is for the operator only.
  app.get('/healthz', async (c) => {
    const operator = (await identifyCaller(c, access)).kind === 'admin';
    const about = operator ? { version: deps.build.version, commit: deps.build.commit ?? null, store: deps.db.engine } : {};
    try {
      await deps.db.query('SELECT 1');
      return c.json({ status: 'ok', ...about });
    } catch (error) {
      return c.json({ status: 'unavailable', ...about, ...(operator ? { error: (error as Error).message } : {}) }, 503);
    }
  });

  app.get('/', async (c) => {
    const caller = c.get('caller');
    const recent = await listDeployments(deps.db, { limit: caller.kind === 'admin' ? 50 : 500 });
    const visible = [];
    for (const d of recent) if ((await canSee(caller, d)).read) visible.push(d);
    return c.html(dashboardPage(visible.slice(0, 50)));
  });

  app.get('/deployments/:id{[0-9]+}', async (c) => {
    const id = Number(c.req.param('id'));
    const deployment = await getDeployment(deps.db, id);
    const allowed = deployment && (await canSee(c.get('caller'), deployment));
    if (!deployment || !allowed?.read) return c.text(`No deployment #${id}\n`, 404);
    const lines = allowed.logs ? await readLogLines(deps.db, id) : undefined;
    const view = { deployment, steps: await listSteps(deps.db, id), lines, logRole: signIn?.publicLogRole };
    const accept = c.req.header('accept') ?? '';
    if (!accept.includes('text/html') && (accept.includes('text/plain') || accept === '' || accept === '*/*')) {
      return c.text(deploymentText(view));
    }
    return c.html(deploymentPage(view));
  });

  app.get('/deployments/:id{[0-9]+}/log.json', async (c) => {
    const id = Number(c.req.param('id'));
    const deployment = await getDeployment(deps.db, id);
    if (!deployment || !(await canSee(c.get('caller'), deployment)).logs) return c.json({ error: 'not found' }, 404);
    const after = Number(c.req.query('after') ?? 0) || 0;
    const lines = await readLogLines(deps.db, id, after, 1000);
    return c.json({ state: deployment.state, description: deployment.description, lines });
  });

  app.get('/metrics', async (c) => {
    const rows = await deps.db.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM deployments GROUP BY state');
    const jobs = await deps.db.query<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM jobs WHERE state IN ('waiting', 'queued', 'running') GROUP BY state`,
    );
    const lines = [
      '# HELP runway_deployments Deployments stored, by state.',
      '# TYPE runway_deployments gauge',
      ...rows.map((r) => `runway_deployments{state="${r.state}"} ${Number(r.n)}`),
      '# HELP runway_jobs Open jobs, by state.',
      '# TYPE runway_jobs gauge',
      ...jobs.map((r) => `runway_jobs{state="${r.state}"} ${Number(r.n)}`),
      '# HELP runway_worker_running_jobs Jobs this process is running.',
      '# TYPE runway_worker_running_jobs gauge',
      `runway_worker_running_jobs ${deps.runningJobs()}`,
    ];
    return c.text(`${lines.join('\n')}\n`, 200, { 'content-type': 'text/plain; version=0.0.4' });
  });

  return app;
}
