import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, Probot, ProbotOctokit, type ApplicationFunction } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';

// Probot's throttling spaces writes about a second apart; the fake needs none of that.
class UnthrottledOctokit extends ProbotOctokit {
  constructor(options: ConstructorParameters<typeof ProbotOctokit>[0] = {}) {
    super({ ...options, throttle: { ...options.throttle, enabled: false } });
  }
}

const secret = 'probot-loop-secret';
let fake: FakeGitHub;
let server: Server;

// A tiny app in Runway's shape: a merged PR makes a deployment, the deployment gets a status and a PR comment.
const appFn: ApplicationFunction = (app) => {
  app.on('pull_request.closed', async (context) => {
    const pr = context.payload.pull_request;
    if (!pr.merged || !pr.merge_commit_sha) return;
    await context.octokit.rest.repos.createDeployment(
      context.repo({
        ref: pr.merge_commit_sha,
        environment: 'production',
        auto_merge: false,
        required_contexts: [],
        payload: { pr: pr.number },
      }),
    );
  });
  app.on('deployment.created', async (context) => {
    const { deployment } = context.payload;
    const { data: config } = await context.octokit.rest.repos.getContent(context.repo({ path: '.github/deploy.yml', ref: deployment.sha }));
    const text = Buffer.from((config as { content: string }).content, 'base64').toString();
    await context.octokit.rest.repos.createDeploymentStatus(
      context.repo({ deployment_id: deployment.id, state: 'success', description: `deployed ${text.trim()}` }),
    );
    const prNumber = (deployment.payload as unknown as { pr: number }).pr;
    await context.octokit.rest.issues.createComment(
      context.repo({ issue_number: prNumber, body: `Deployed ${deployment.sha.slice(0, 7)}` }),
    );
  });
};

beforeAll(async () => {
  fake = await startFakeGitHub({ webhookSecret: secret, strictTokens: true });
  const probot = new Probot({
    appId: fake.appId,
    privateKey: fake.privateKey,
    secret,
    baseUrl: `${fake.url}/api/v3`,
    Octokit: UnthrottledOctokit,
    logLevel: 'fatal',
  });
  const middleware = await createNodeMiddleware(appFn, { probot, webhooksPath: '/api/github/webhooks' });
  server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.setWebhookTarget(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`);
});

afterAll(async () => {
  await fake?.close();
  await new Promise<void>((resolve, reject) => server?.close((error) => (error ? reject(error) : resolve())) ?? resolve());
});

describe('a Probot app against the fake GitHub', () => {
  it('runs merge → deployment → status → comment through real webhooks and REST calls', async () => {
    fake.createRepo({ owner: 'acme', name: 'loop', files: { '.github/deploy.yml': 'app: loop\n' } });
    fake.commit('acme', 'loop', { branch: 'feature', files: { 'index.html': 'v2\n' } });
    const number = fake.openPullRequest('acme', 'loop', { head: 'feature' });
    const { mergeSha, delivery } = await fake.mergePullRequest('acme', 'loop', number);
    expect(delivery.status).toBe(200);
    const deployment = await fake.waitFor(() => fake.deployments('acme', 'loop').find((d) => d.statuses.length > 0), {
      what: 'a deployment with a status',
    });
    expect(deployment).toMatchObject({ sha: mergeSha, ref: mergeSha, autoMerge: false, creator: 'runway[bot]', payload: { pr: number } });
    expect(deployment.statuses.map((s) => [s.state, s.description])).toEqual([['success', 'deployed app: loop']]);
    const comment = await fake.waitFor(() => fake.comments('acme', 'loop', number)[0], { what: 'the PR comment' });
    expect(comment).toMatchObject({ user: 'runway[bot]', userType: 'Bot', body: `Deployed ${mergeSha.slice(0, 7)}` });
    // Probot answers a delivery once its handlers finish, so the deployment delivery is recorded last.
    await fake.waitFor(() => fake.deliveries.length === 2, { what: 'the deployment delivery to be answered' });
    expect(fake.deliveries.map((d) => [d.event, d.status])).toEqual([
      ['pull_request', 200],
      ['deployment', 200],
    ]);
  });

  it('is refused by Probot when the signature is wrong or missing', async () => {
    const payload = fake.buildPayload.pullRequestClosed('acme', 'loop', 1);
    expect((await fake.sendWebhook('pull_request', payload, { signature: 'sha256=deadbeef' })).status).toBe(400);
    expect((await fake.sendWebhook('pull_request', payload, { signature: null })).status).toBe(400);
  });
});
