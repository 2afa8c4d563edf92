import { Hono } from 'hono';
import type { Env, FakeContext } from '../context.ts';
import { actorLogin, actorType, intParam, readJson, repoParams } from '../context.ts';
import { FakeHttpError } from '../http-error.ts';
import { paginate } from '../pagination.ts';
import { deploymentShape, deploymentStatusShape } from '../shapes/deployment.ts';
import { now, type DeploymentRecord, type RepoRecord } from '../state.ts';
import type { DeploymentState } from '../types.ts';

const deploymentStates = new Set<string>(['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success']);

function invalid(resource: string, field: string, message: string): FakeHttpError {
  return new FakeHttpError(422, 'Validation Failed', { errors: [{ resource, code: 'custom', field, message }] });
}

function parsePayload(raw: unknown): unknown {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw invalid('Deployment', 'payload', `payload is not valid JSON: ${(error as Error).message}`);
  }
}

/** Deployments and deployment statuses, with GitHub's required-contexts check and auto-inactive. */
export function deploymentRoutes(ctx: FakeContext): Hono<Env> {
  const app = new Hono<Env>();
  const { state, urls } = ctx;
  const find = (repo: RepoRecord, id: number): DeploymentRecord => {
    const d = repo.deployments.find((x) => x.id === id);
    if (!d) throw new FakeHttpError(404, 'Not Found');
    return d;
  };

  app.post('/repos/:owner/:repo/deployments', async (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const body = await readJson(c);
    if (typeof body.ref !== 'string' || body.ref === '') throw invalid('Deployment', 'ref', 'ref is required');
    const commit = state.resolve(repo, body.ref);
    if (!commit) throw new FakeHttpError(422, `No ref found for: ${body.ref}`);
    const required = Array.isArray(body.required_contexts) ? body.required_contexts.map(String) : null;
    const latest = state.latestStatuses(repo, commit.sha);
    const contexts = required ?? [...latest.keys()];
    const failing = contexts.filter((context) => latest.get(context)?.state !== 'success');
    if (failing.length > 0) {
      throw new FakeHttpError(409, `Conflict: Commit status checks failed for ${body.ref}.`, {
        errors: [
          {
            contexts: failing.map((context) => ({ context, state: latest.get(context)?.state ?? 'missing' })),
            resource: 'Deployment',
            field: 'required_contexts',
            code: 'invalid',
          },
        ],
      });
    }
    const environment = typeof body.environment === 'string' ? body.environment : 'production';
    const at = now();
    const deployment: DeploymentRecord = {
      id: state.nextId('deployment'),
      sha: commit.sha,
      ref: body.ref,
      task: typeof body.task === 'string' ? body.task : 'deploy',
      environment,
      originalEnvironment: environment,
      description: typeof body.description === 'string' ? body.description : null,
      payload: parsePayload(body.payload),
      autoMerge: body.auto_merge !== false,
      requiredContexts: required,
      transientEnvironment: body.transient_environment === true,
      productionEnvironment: typeof body.production_environment === 'boolean' ? body.production_environment : environment === 'production',
      creator: actorLogin(c, repo.owner),
      creatorType: actorType(c),
      createdAt: at,
      updatedAt: at,
      statuses: [],
    };
    repo.deployments.push(deployment);
    ctx.sender.sendSoon('deployment', ctx.build.deploymentCreated(repo.owner, repo.name, deployment.id));
    return c.json(deploymentShape(urls, repo, deployment), 201);
  });

  app.get('/repos/:owner/:repo/deployments', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const q = (name: string): string | undefined => c.req.query(name);
    const list = repo.deployments
      .filter(
        (d) =>
          (q('sha') === undefined || d.sha === q('sha')) &&
          (q('ref') === undefined || d.ref === q('ref')) &&
          (q('task') === undefined || d.task === q('task')) &&
          (q('environment') === undefined || d.environment === q('environment')),
      )
      .sort((a, b) => b.id - a.id);
    return c.json(paginate(c, list).map((d) => deploymentShape(urls, repo, d)));
  });

  app.get('/repos/:owner/:repo/deployments/:id', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    return c.json(deploymentShape(urls, repo, find(repo, intParam(c, 'id'))));
  });

  app.post('/repos/:owner/:repo/deployments/:id/statuses', async (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const deployment = find(repo, intParam(c, 'id'));
    const body = await readJson(c);
    if (typeof body.state !== 'string' || !deploymentStates.has(body.state))
      throw invalid('DeploymentStatus', 'state', 'state is not included in the list');
    const description = typeof body.description === 'string' ? body.description : '';
    if (description.length > 140) throw invalid('DeploymentStatus', 'description', 'description is too long (maximum is 140 characters)');
    const at = now();
    const creator = actorLogin(c, repo.owner);
    const status = {
      id: state.nextId('status'),
      state: body.state as DeploymentState,
      description,
      logUrl: typeof body.log_url === 'string' ? body.log_url : typeof body.target_url === 'string' ? body.target_url : '',
      environmentUrl: typeof body.environment_url === 'string' ? body.environment_url : '',
      creator,
      createdAt: at,
    };
    deployment.statuses.push(status);
    deployment.updatedAt = at;
    if (status.state === 'success' && body.auto_inactive !== false) {
      for (const older of repo.deployments) {
        if (older.id >= deployment.id || older.environment !== deployment.environment) continue;
        if (older.statuses.at(-1)?.state !== 'success') continue;
        older.statuses.push({
          id: state.nextId('status'),
          state: 'inactive',
          description: '',
          logUrl: '',
          environmentUrl: '',
          creator,
          createdAt: at,
        });
        older.updatedAt = at;
      }
    }
    return c.json(deploymentStatusShape(urls, repo, deployment, status), 201);
  });

  app.get('/repos/:owner/:repo/deployments/:id/statuses', (c) => {
    const repo = state.repo(repoParams(c).owner, repoParams(c).repo);
    const deployment = find(repo, intParam(c, 'id'));
    // GitHub lists newest first.
    return c.json(paginate(c, [...deployment.statuses].reverse()).map((s) => deploymentStatusShape(urls, repo, deployment, s)));
  });
  return app;
}
