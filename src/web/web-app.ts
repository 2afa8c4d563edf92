import { Hono } from 'hono';
import type { CommandServices } from '../chatops/command-context.ts';
import type { BuildInfo } from '../server/build-info.ts';
import type { Database } from '../store/database.ts';
import { countOpenJobs } from '../store/job-queue.ts';
import { deploymentHistory } from '../store/deployment-history.ts';
import { deployedRepositories, environmentsOverview } from '../store/environments-overview.ts';
import { addGitHubSignInRoutes, GITHUB_SIGN_IN_PATHS } from './access/github-sign-in-routes.ts';
import { identifyCaller, type WebAccessOptions, type WebEnv } from './access/identify-caller.ts';
import { addLoginRoutes, LOGIN_PATHS } from './access/login-routes.ts';
import { repositoryAccessCheck, type RepositoryAccessCheck } from './access/repository-access.ts';
import { requireAccess } from './access/require-access.ts';
import { readableRepositories } from './access/readable-repositories.ts';
import { ACTION_PATH_PREFIX, addActionRoutes } from './actions/action-routes.ts';
import { csrfToken } from './actions/csrf-token.ts';
import { addDeploymentRoutes } from './deployment-routes.ts';
import { environmentsPage } from './pages/environments-page.ts';
import { deliveryNow } from './metrics/delivery-now.ts';
import { deliveryMetricLines, deliveryPage } from './pages/delivery-page.ts';
import { historyPage } from './pages/history-page.ts';

export interface WebAppDeps {
  db: Database;
  runningJobs: () => number;
  access: Omit<WebAccessOptions, 'db'>;
  build: BuildInfo;
  /** GitHub's web root, for links (https://github.com, or the GHES host). */
  githubWeb?: string;
  /** How often live log streams look for new lines (default 500 ms). */
  livePollMs?: number;
  /** What the lock and unlock actions need (the comment commands' services); absent: no actions. */
  commandServices?: CommandServices;
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
  const githubWeb = deps.githubWeb ?? 'https://github.com';
  const canSee: RepositoryAccessCheck = signIn
    ? repositoryAccessCheck({ github: signIn.github, publicLogRole: signIn.publicLogRole })
    : async (caller) =>
        caller.kind === 'admin' ? { read: true, logs: true, role: 'operator' } : { read: false, logs: false, role: 'none' };
  const actions = signIn && deps.commandServices ? { signIn, services: deps.commandServices } : undefined;
  app.use(
    '*',
    requireAccess({
      ...access,
      publicPaths: ['/healthz', ...LOGIN_PATHS, ...GITHUB_SIGN_IN_PATHS],
      actionPathPrefix: actions && ACTION_PATH_PREFIX,
    }),
  );
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
    const readable = await readableRepositories(deps.db, caller, canSee);
    const csrf = actions && caller.kind === 'user' ? csrfToken(actions.signIn.sessionSecret, caller.sessionId) : undefined;
    return c.html(environmentsPage({ environments: await environmentsOverview(deps.db, readable), githubWeb, csrf }));
  });
  if (actions) addActionRoutes(app, { db: deps.db, canSee, ...actions, publicOrigin: access.publicOrigin });

  app.get('/history', async (c) => {
    const readable = await readableRepositories(deps.db, c.get('caller'), canSee);
    const q = (name: string) => c.req.query(name)?.trim() || undefined;
    const before = q('before');
    if (before !== undefined && !/^\d{1,9}$/.test(before)) return c.text('before must be a deployment number\n', 400);
    const filter = { repository: q('repository'), environment: q('environment'), state: q('state'), creator: q('creator'), readable };
    const page = await deploymentHistory(deps.db, filter, { before: before === undefined ? undefined : Number(before), size: 50 });
    const repositories = readable ?? (await deployedRepositories(deps.db)).map((r) => `${r.owner}/${r.repo}`);
    return c.html(historyPage({ filter, ...page, repositories }));
  });

  app.get('/delivery', async (c) => {
    const readable = await readableRepositories(deps.db, c.get('caller'), canSee);
    return c.html(deliveryPage(await deliveryNow(deps.db, readable)));
  });

  addDeploymentRoutes(app, { db: deps.db, canSee, githubWeb, publicLogRole: signIn?.publicLogRole, pollMs: deps.livePollMs ?? 500 });

  app.get('/metrics', async (c) => {
    const rows = await deps.db.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM deployments GROUP BY state');
    const jobs = await countOpenJobs(deps.db);
    const lines = [
      '# HELP runway_deployments Deployments stored, by state.',
      '# TYPE runway_deployments gauge',
      ...rows.map((r) => `runway_deployments{state="${r.state}"} ${Number(r.n)}`),
      '# HELP runway_jobs Open jobs, by state.',
      '# TYPE runway_jobs gauge',
      ...jobs.map((r) => `runway_jobs{state="${r.state}"} ${r.count}`),
      '# HELP runway_worker_running_jobs Jobs this process is running.',
      '# TYPE runway_worker_running_jobs gauge',
      `runway_worker_running_jobs ${deps.runningJobs()}`,
      ...deliveryMetricLines(await deliveryNow(deps.db)),
    ];
    return c.text(`${lines.join('\n')}\n`, 200, { 'content-type': 'text/plain; version=0.0.4' });
  });

  return app;
}
