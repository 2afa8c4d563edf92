import type { Hono } from 'hono';
import type { Queryable } from '../store/database.ts';
import { getDeploymentComment } from '../store/deployment-comments-store.ts';
import { getDeployment } from '../store/deployments-store.ts';
import { readLogLines } from '../store/log-store.ts';
import { listSteps } from '../store/steps-store.ts';
import type { WebEnv } from './access/identify-caller.ts';
import type { RepositoryAccessCheck } from './access/repository-access.ts';
import { liveLogEvents, resumeAfter } from './live-log-events.ts';
import { deploymentPage, deploymentText } from './pages/deployment-page.ts';

export interface DeploymentRoutesDeps {
  db: Queryable;
  canSee: RepositoryAccessCheck;
  githubWeb: string;
  publicLogRole?: string;
  /** How often a live log stream looks for new lines. */
  pollMs: number;
}

/**
 * `/deployments/:id` (HTML, or text for `Accept: text/plain`), its JSON tail and its live event
 * stream. A deployment the caller may not read is a 404 like an unknown id; its log (tail,
 * stream) is a 404 without the log role.
 */
export function addDeploymentRoutes(app: Hono<WebEnv>, deps: DeploymentRoutesDeps): void {
  const { db, canSee } = deps;

  app.get('/deployments/:id{[0-9]+}', async (c) => {
    const id = Number(c.req.param('id'));
    const deployment = await getDeployment(db, id);
    const allowed = deployment && (await canSee(c.get('caller'), deployment));
    if (!deployment || !allowed?.read) return c.text(`No deployment #${id}\n`, 404);
    const [steps, lines, comment] = await Promise.all([
      listSteps(db, id),
      allowed.logs ? readLogLines(db, id) : undefined,
      getDeploymentComment(db, id),
    ]);
    const view = { deployment, steps, lines, logRole: deps.publicLogRole, githubWeb: deps.githubWeb, pullRequest: comment?.issueNumber };
    const accept = c.req.header('accept') ?? '';
    if (!accept.includes('text/html') && (accept.includes('text/plain') || accept === '' || accept === '*/*')) {
      return c.text(deploymentText(view));
    }
    return c.html(deploymentPage(view));
  });

  app.get('/deployments/:id{[0-9]+}/log.json', async (c) => {
    const id = Number(c.req.param('id'));
    const deployment = await getDeployment(db, id);
    if (!deployment || !(await canSee(c.get('caller'), deployment)).logs) return c.json({ error: 'not found' }, 404);
    const after = Number(c.req.query('after') ?? 0) || 0;
    const lines = await readLogLines(db, id, after, 1000);
    return c.json({ state: deployment.state, description: deployment.description, lines });
  });

  app.get('/deployments/:id{[0-9]+}/events', async (c) => {
    const id = Number(c.req.param('id'));
    const deployment = await getDeployment(db, id);
    if (!deployment || !(await canSee(c.get('caller'), deployment)).logs) return c.text(`No deployment #${id}\n`, 404);
    const after = resumeAfter(c.req.header('last-event-id'), c.req.query('after'));
    if (after === undefined) return c.text('Last-Event-ID and after must be a line number\n', 400);
    return liveLogEvents(c, { db, deploymentId: id, after, pollMs: deps.pollMs });
  });
}
