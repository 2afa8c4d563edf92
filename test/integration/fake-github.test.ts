import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Probot, ProbotOctokit } from 'probot';
import { extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, startWebhookReceiver, type FakeGitHub, type WebhookReceiver } from '../../sandbox/github/index.ts';

type Octo = InstanceType<typeof ProbotOctokit>;

// Probot's throttling spaces writes about a second apart; the fake needs none of that.
class UnthrottledOctokit extends ProbotOctokit {
  constructor(options: ConstructorParameters<typeof ProbotOctokit>[0] = {}) {
    super({ ...options, throttle: { ...options.throttle, enabled: false } });
  }
}

const secret = 'fake-github-test-secret';
let fake: FakeGitHub;
let receiver: WebhookReceiver;
let octokit: Octo;
let repo: ReturnType<FakeGitHub['createRepo']>;
const owner = 'acme';
const name = 'shop';

beforeAll(async () => {
  fake = await startFakeGitHub({ webhookSecret: secret, appId: 31337, strictTokens: true });
  receiver = await startWebhookReceiver(secret);
  fake.setWebhookTarget(receiver.url);
  repo = fake.createRepo({
    owner,
    name,
    files: { '.github/deploy.yml': 'app: shop\n', 'scripts/build.sh': '#!/bin/sh\necho hi\n', 'web/index.html': '<h1>v1</h1>\n' },
  });
  // The same path Runway takes: App JWT → installation token → REST calls, all over HTTP.
  const probot = new Probot({
    appId: fake.appId,
    privateKey: fake.privateKey,
    baseUrl: `${fake.url}/api/v3`,
    Octokit: UnthrottledOctokit,
    logLevel: 'error',
  });
  octokit = (await probot.auth(repo.installationId)) as unknown as Octo;
});

afterAll(async () => {
  await fake?.close();
  await receiver?.close();
});

describe('fake GitHub over HTTP', () => {
  it('issues installation tokens for an App JWT and refuses other credentials', async () => {
    expect(fake.privateKey).toContain('BEGIN RSA PRIVATE KEY');
    const anonymous = await fetch(`${fake.url}/api/v3/repos/${owner}/${name}`);
    expect(anonymous.status).toBe(401);
    const unknownToken = await fetch(`${fake.url}/api/v3/repos/${owner}/${name}`, { headers: { authorization: 'token not-issued' } });
    expect(unknownToken.status).toBe(401);
    const badJwt = await fetch(`${fake.url}/api/v3/app/installations/${repo.installationId}`, {
      headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2ln' },
    });
    expect(badJwt.status).toBe(401);
    const { data } = await octokit.rest.repos.get({ owner, repo: name });
    expect(data).toMatchObject({ full_name: `${owner}/${name}`, default_branch: 'main', owner: { login: owner } });
    // Octokit mints the installation token on its first request.
    expect(
      fake.calls.some(
        (c) => c.method === 'POST' && c.path === `/app/installations/${repo.installationId}/access_tokens` && c.status === 201,
      ),
    ).toBe(true);
  });

  it('serves URL-decoded contents and 404s for missing files', async () => {
    const { data } = await octokit.rest.repos.getContent({ owner, repo: name, path: '.github/deploy.yml', ref: 'main' });
    expect(Array.isArray(data)).toBe(false);
    const file = data as { type: string; encoding: string; content: string; path: string };
    expect(file).toMatchObject({ type: 'file', encoding: 'base64', path: '.github/deploy.yml' });
    expect(Buffer.from(file.content, 'base64').toString()).toBe('app: shop\n');
    expect(fake.calls.some((c) => c.path === `/repos/${owner}/${name}/contents/.github/deploy.yml`)).toBe(true);
    await expect(octokit.rest.repos.getContent({ owner, repo: name, path: 'nope.txt' })).rejects.toMatchObject({ status: 404 });
  });

  it('downloads a tarball of the commit with one top folder and executable scripts', async () => {
    const sha = fake.commit(owner, name, { branch: 'main', files: { 'web/index.html': '<h1>v2</h1>\n', 'web/new.css': 'h1{}\n' } });
    const { data } = await octokit.rest.repos.downloadTarballArchive({ owner, repo: name, ref: sha });
    const dir = await mkdtemp(join(tmpdir(), 'fake-github-tarball-'));
    try {
      await writeFile(join(dir, 'a.tar.gz'), Buffer.from(data as ArrayBuffer));
      await extract({ file: join(dir, 'a.tar.gz'), cwd: dir });
      const top = join(dir, `${owner}-${name}-${sha.slice(0, 7)}`);
      expect(await readFile(join(top, 'web/index.html'), 'utf8')).toBe('<h1>v2</h1>\n');
      expect(await readFile(join(top, 'web/new.css'), 'utf8')).toBe('h1{}\n');
      expect(await readFile(join(top, '.github/deploy.yml'), 'utf8')).toBe('app: shop\n');
      expect((await stat(join(top, 'scripts/build.sh'))).mode & 0o111).not.toBe(0);
      expect((await stat(join(top, 'web/new.css'))).mode & 0o111).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('creates a deployment, answers 201 and sends a signed deployment.created', async () => {
    const { data, status } = await octokit.rest.repos.createDeployment({
      owner,
      repo: name,
      ref: 'main',
      environment: 'production',
      auto_merge: false,
      payload: { pr: 7 },
      required_contexts: [],
    });
    expect(status).toBe(201);
    const deployment = data as { id: number; sha: string; ref: string };
    expect(deployment.sha).toBe(fake.branchSha(owner, name, 'main'));
    const hook = await fake.waitFor(
      () => receiver.received.find((r) => r.event === 'deployment' && (r.payload.deployment as { id: number }).id === deployment.id),
      { what: 'deployment.created webhook' },
    );
    expect(hook.signatureValid).toBe(true);
    expect(hook.headers['user-agent']).toBe('GitHub-Hookshot/fake');
    expect(hook.deliveryId).toMatch(/^[0-9a-f-]{36}$/);
    expect(hook.payload).toMatchObject({
      action: 'created',
      installation: { id: repo.installationId },
      repository: { full_name: `${owner}/${name}`, default_branch: 'main', owner: { login: owner } },
      sender: { login: 'runway[bot]' },
      deployment: { ref: 'main', payload: { pr: 7 }, environment: 'production' },
    });
    expect(fake.deployments(owner, name).find((d) => d.id === deployment.id)).toMatchObject({ autoMerge: false, requiredContexts: [] });
  });

  it('answers 409 when a required context is not successful', async () => {
    const sha = fake.commit(owner, name, { branch: 'main', files: { 'web/index.html': '<h1>v3</h1>\n' } });
    fake.setCommitStatus(owner, name, sha, 'ci/test', 'failure');
    fake.setCommitStatus(owner, name, sha, 'ci/lint', 'success');
    // Octokit's retry plugin retries a 409 three times unless told not to.
    await expect(
      octokit.rest.repos.createDeployment({ owner, repo: name, ref: 'main', auto_merge: false, request: { retries: 0 } }),
    ).rejects.toMatchObject({ status: 409, message: expect.stringContaining('Conflict: Commit status checks failed for main.') });
    const onlyLint = await octokit.rest.repos.createDeployment({
      owner,
      repo: name,
      ref: sha,
      auto_merge: false,
      required_contexts: ['ci/lint'],
    });
    expect(onlyLint.status).toBe(201);
    const combined = await octokit.rest.repos.getCombinedStatusForRef({ owner, repo: name, ref: sha });
    expect(combined.data.state).toBe('failure');
  });

  it('keeps deployment statuses, rejects long descriptions and marks older deployments inactive', async () => {
    const create = async (): Promise<number> =>
      (
        (
          await octokit.rest.repos.createDeployment({
            owner,
            repo: name,
            ref: 'main',
            environment: 'staging',
            auto_merge: false,
            required_contexts: [],
          })
        ).data as { id: number }
      ).id;
    const first = await create();
    await octokit.rest.repos.createDeploymentStatus({ owner, repo: name, deployment_id: first, state: 'success', log_url: 'http://log/1' });
    const second = await create();
    await expect(
      octokit.rest.repos.createDeploymentStatus({
        owner,
        repo: name,
        deployment_id: second,
        state: 'in_progress',
        description: 'x'.repeat(141),
      }),
    ).rejects.toMatchObject({ status: 422 });
    await octokit.rest.repos.createDeploymentStatus({
      owner,
      repo: name,
      deployment_id: second,
      state: 'in_progress',
      description: 'building',
    });
    await octokit.rest.repos.createDeploymentStatus({
      owner,
      repo: name,
      deployment_id: second,
      state: 'success',
      environment_url: 'http://shop.test',
    });
    const states = (id: number): string[] =>
      fake
        .deployments(owner, name)
        .find((d) => d.id === id)
        ?.statuses.map((s) => s.state) ?? [];
    expect(states(first)).toEqual(['success', 'inactive']);
    expect(states(second)).toEqual(['in_progress', 'success']);
    const listed = await octokit.rest.repos.listDeploymentStatuses({ owner, repo: name, deployment_id: second });
    expect(listed.data.map((s) => s.state)).toEqual(['success', 'in_progress']);
    const staging = await octokit.paginate(octokit.rest.repos.listDeployments, { owner, repo: name, environment: 'staging', per_page: 1 });
    expect(staging.map((d) => d.id)).toEqual([second, first]);
  });

  it('merges a PR into a signed pull_request.closed with merged: true and lists its files page by page', async () => {
    fake.commit(owner, name, { branch: 'feature/pages', files: { 'web/a.html': 'a\n', 'web/b.html': 'b\n', 'web/new.css': null } });
    const number = fake.openPullRequest(owner, name, { head: 'feature/pages', title: 'Add pages', user: 'dev' });
    const { mergeSha, delivery } = await fake.mergePullRequest(owner, name, number, { mergedBy: 'lead' });
    expect(delivery.status).toBe(200);
    const hook = receiver.received.find((r) => r.deliveryId === delivery.id);
    expect(hook?.signatureValid).toBe(true);
    expect(hook?.payload).toMatchObject({
      action: 'closed',
      number,
      installation: { id: repo.installationId },
      pull_request: {
        merged: true,
        merge_commit_sha: mergeSha,
        base: { ref: 'main' },
        head: { ref: 'feature/pages' },
        merged_by: { login: 'lead' },
        user: { login: 'dev' },
      },
    });
    expect(fake.branchSha(owner, name, 'main')).toBe(mergeSha);
    expect(fake.filesAt(owner, name, 'main')['web/a.html']).toBe('a\n');
    expect(fake.filesAt(owner, name, 'main')['web/new.css']).toBeUndefined();
    const pages = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo: name, pull_number: number, per_page: 2 });
    expect(pages.map((f) => [f.filename, f.status])).toEqual([
      ['web/a.html', 'added'],
      ['web/b.html', 'added'],
      ['web/new.css', 'removed'],
    ]);
    expect(fake.calls.filter((c) => c.path === `/repos/${owner}/${name}/pulls/${number}/files`)).toHaveLength(2);
    const pr = await octokit.rest.pulls.get({ owner, repo: name, pull_number: number });
    expect(pr.data).toMatchObject({ merged: true, state: 'closed', changed_files: 3 });
  });

  it('maps roles to GitHub permission levels', async () => {
    const roles = ['admin', 'maintain', 'write', 'triage', 'read'] as const;
    for (const role of roles) fake.setPermission(owner, name, `user-${role}`, role);
    const seen: Record<string, [string, string]> = {};
    for (const login of [...roles.map((r) => `user-${r}`), 'stranger']) {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo: name, username: login });
      seen[login] = [data.permission, data.role_name];
    }
    expect(seen).toEqual({
      'user-admin': ['admin', 'admin'],
      'user-maintain': ['write', 'maintain'],
      'user-write': ['write', 'write'],
      'user-triage': ['read', 'triage'],
      'user-read': ['read', 'read'],
      stranger: ['none', 'none'],
    });
  });

  it('stores comments, counts edits and reactions, and sends issue_comment on a PR', async () => {
    fake.commit(owner, name, { branch: 'feature/c', files: { 'c.txt': 'c\n' } });
    const number = fake.openPullRequest(owner, name, { head: 'feature/c' });
    const delivery = await fake.comment(owner, name, number, { user: 'dev', body: '/deploy staging' });
    const hook = receiver.received.find((r) => r.deliveryId === delivery.id);
    expect(hook?.payload).toMatchObject({
      action: 'created',
      issue: { number, pull_request: { url: `${fake.url}/api/v3/repos/${owner}/${name}/pulls/${number}` } },
      comment: { body: '/deploy staging', user: { login: 'dev', type: 'User' } },
    });
    const { data: mine } = await octokit.rest.issues.createComment({ owner, repo: name, issue_number: number, body: 'Deploying…' });
    await octokit.rest.issues.updateComment({ owner, repo: name, comment_id: mine.id, body: 'Deployed' });
    await octokit.rest.reactions.createForIssueComment({ owner, repo: name, comment_id: mine.id, content: 'rocket' });
    const comments = fake.comments(owner, name, number);
    expect(comments.map((c) => [c.user, c.body, c.edits])).toEqual([
      ['dev', '/deploy staging', 0],
      ['runway[bot]', 'Deployed', 1],
    ]);
    expect(fake.reactions(mine.id)).toEqual(['rocket']);
  });

  it('redelivers with the same delivery id and body, and sends unsigned or badly signed hooks on request', async () => {
    const first = await fake.sendWebhook('ping', { zen: 'Keep it logically awesome.', installation: { id: repo.installationId } });
    const again = await fake.redeliver(first.id);
    expect(again.id).toBe(first.id);
    const copies = receiver.received.filter((r) => r.deliveryId === first.id);
    expect(copies).toHaveLength(2);
    expect(copies[1]?.body).toBe(copies[0]?.body);
    expect((await fake.sendWebhook('ping', {}, { signature: null })).status).toBe(401);
    expect((await fake.sendWebhook('ping', {}, { signature: 'sha256=00' })).status).toBe(401);
  });

  it('answers unknown routes with 404 and records them', async () => {
    await expect(octokit.request('GET /repos/{owner}/{repo}/hooks', { owner, repo: name })).rejects.toMatchObject({ status: 404 });
    expect(fake.calls.at(-1)).toMatchObject({ method: 'GET', path: `/repos/${owner}/${name}/hooks`, status: 404 });
    await expect(fake.waitFor(() => false, { timeoutMs: 50, what: 'nothing at all' })).rejects.toThrow(
      /nothing at all[\s\S]*GET \/repos\/acme\/shop\/hooks → 404/,
    );
  });
});
