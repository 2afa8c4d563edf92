import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';

const fixtureDir = join(import.meta.dirname, '../../fixtures/webhooks');
const readFixture = async (file: string): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(join(fixtureDir, file), 'utf8')) as Record<string, unknown>;

/** Key paths present in `expected` but missing (or of another kind) in `actual`. */
function missingKeys(expected: unknown, actual: unknown, path = ''): string[] {
  if (expected === null || typeof expected !== 'object') return [];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path} (array expected)`];
    return expected.length > 0 && actual.length > 0 ? missingKeys(expected[0], actual[0], `${path}[0]`) : [];
  }
  if (actual === null || typeof actual !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(expected)) {
    const here = path ? `${path}.${key}` : key;
    if (!(key in actual)) out.push(here);
    else out.push(...missingKeys(value, (actual as Record<string, unknown>)[key], here));
  }
  return out;
}

let fake: FakeGitHub;
const owner = 'octo-org';
const name = 'payload-shapes';

beforeAll(async () => {
  fake = await startFakeGitHub({ webhookSecret: 's' });
  fake.createRepo({ owner, name, files: { 'README.md': 'hi\n' } });
});
afterAll(async () => {
  await fake?.close();
});

describe('webhook payloads carry every key of the saved fixtures', () => {
  it('the key checker reports what is missing', () => {
    expect(missingKeys({ a: { b: 1, c: [{ d: 1 }] } }, { a: { c: [{}] } })).toEqual(['a.b', 'a.c[0].d']);
  });

  it('pull_request.closed (merged and unmerged)', async () => {
    fake.commit(owner, name, { branch: 'a', files: { 'a.txt': 'a\n' } });
    fake.commit(owner, name, { branch: 'b', files: { 'b.txt': 'b\n' } });
    const mergedNumber = fake.openPullRequest(owner, name, { head: 'a', user: 'dev' });
    const unmergedNumber = fake.openPullRequest(owner, name, { head: 'b', user: 'dev' });
    const { mergeSha } = await fake.mergePullRequest(owner, name, mergedNumber);
    await fake.closePullRequest(owner, name, unmergedNumber);
    const merged = fake.buildPayload.pullRequestClosed(owner, name, mergedNumber);
    const unmerged = fake.buildPayload.pullRequestClosed(owner, name, unmergedNumber);
    expect(missingKeys(await readFixture('pull_request.closed.merged.json'), merged)).toEqual([]);
    expect(missingKeys(await readFixture('pull_request.closed.unmerged.json'), unmerged)).toEqual([]);
    expect(merged.pull_request).toMatchObject({ merged: true, merge_commit_sha: mergeSha, state: 'closed' });
    expect(unmerged.pull_request).toMatchObject({ merged: false, merge_commit_sha: null, merged_at: null, state: 'closed' });
  });

  it('deployment.created', async () => {
    const token = fake.issueToken(1);
    const res = await fetch(`${fake.url}/api/v3/repos/${owner}/${name}/deployments`, {
      method: 'POST',
      headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ref: 'main', auto_merge: false }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    expect(missingKeys(await readFixture('deployment.created.json'), fake.buildPayload.deploymentCreated(owner, name, id))).toEqual([]);
  });

  it('issue_comment.created on an issue and on a pull request', async () => {
    fake.commit(owner, name, { branch: 'c', files: { 'c.txt': 'c\n' } });
    const pr = fake.openPullRequest(owner, name, { head: 'c' });
    await fake.comment(owner, name, pr, { user: 'dev', body: 'on the PR' });
    await fake.comment(owner, name, 99, { user: 'dev', body: 'on an issue' });
    const [onPr] = fake.comments(owner, name, pr);
    const [onIssue] = fake.comments(owner, name, 99);
    const prPayload = fake.buildPayload.issueCommentCreated(owner, name, onPr?.id ?? 0);
    const issuePayload = fake.buildPayload.issueCommentCreated(owner, name, onIssue?.id ?? 0);
    expect(missingKeys(await readFixture('issue_comment.created.on-pull-request.json'), prPayload)).toEqual([]);
    expect(missingKeys(await readFixture('issue_comment.created.on-issue.json'), issuePayload)).toEqual([]);
    expect((prPayload.issue as Record<string, unknown>).pull_request).toBeDefined();
    expect((issuePayload.issue as Record<string, unknown>).pull_request).toBeUndefined();
  });

  it('push of a branch and of a tag, and release.published', async () => {
    const { sha, delivery } = await fake.pushBranch(owner, name, { branch: 'main', files: { 'p.txt': 'p\n' }, pusher: 'dev' });
    expect(delivery.event).toBe('push');
    await fake.pushTag(owner, name, { tag: 'v1.0.0', sha, pusher: 'dev' });
    await fake.publishRelease(owner, name, { tag: 'v1.0.0', author: 'lead' });
    const branch = fake.buildPayload.push(owner, name, { ref: 'refs/heads/main', before: null, after: sha, pusher: 'dev' });
    const tag = fake.buildPayload.push(owner, name, { ref: 'refs/tags/v1.0.0', before: null, after: sha, pusher: 'dev' });
    const release = fake.buildPayload.releasePublished(owner, name, { tag: 'v1.0.0', author: 'lead' });
    expect(missingKeys(await readFixture('push.branch.json'), branch)).toEqual([]);
    expect(missingKeys(await readFixture('push.tag.json'), tag)).toEqual([]);
    expect(missingKeys(await readFixture('release.published.json'), release)).toEqual([]);
    expect(tag).toMatchObject({ ref: 'refs/tags/v1.0.0', after: sha, created: true, commits: [] });
    expect(release).toMatchObject({ action: 'published', release: { tag_name: 'v1.0.0', author: { login: 'lead' } } });
    await expect(fake.publishRelease(owner, name, { tag: 'v9', author: 'lead' })).rejects.toThrow(/No tag v9/);
  });
});
