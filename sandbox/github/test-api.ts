import type { ChecksTestApi } from './checks/checks-test-api.ts';
import type { FakeContext } from './context.ts';
import { FakeHttpError } from './http-error.ts';
import { mergeBase } from './git-model.ts';
import { now, type DeploymentRecord, type FakeState, type RepoRecord } from './state.ts';
import type { ApiCall, FakeDeployment, FakeGitHub } from './types.ts';
import { waitFor } from './wait-for.ts';

const toFakeDeployment = (d: DeploymentRecord): FakeDeployment => ({
  id: d.id,
  sha: d.sha,
  ref: d.ref,
  task: d.task,
  environment: d.environment,
  description: d.description,
  payload: d.payload,
  autoMerge: d.autoMerge,
  requiredContexts: d.requiredContexts,
  transientEnvironment: d.transientEnvironment,
  productionEnvironment: d.productionEnvironment,
  creator: d.creator,
  createdAt: d.createdAt,
  statuses: d.statuses.map((s) => ({ ...s })),
});

type TestApi = Omit<
  FakeGitHub,
  | 'url'
  | 'host'
  | 'appId'
  | 'appSlug'
  | 'privateKey'
  | 'webhookSecret'
  | 'clientId'
  | 'clientSecret'
  | 'calls'
  | 'deliveries'
  | 'setWebhookTarget'
  | 'setAppPermissions'
  | 'issueToken'
  | 'userToken'
  | 'close'
  | keyof ChecksTestApi
>;

/** The methods a test uses to arrange state and events, and to read what the app did. */
export function testApi(ctx: FakeContext, calls: ApiCall[]): TestApi {
  const { state, sender, build } = ctx;
  return {
    createRepo(input) {
      const repo = state.createRepo(input);
      return {
        owner: repo.owner,
        name: repo.name,
        id: repo.id,
        installationId: repo.installationId,
        headSha: repo.branches.get(repo.defaultBranch) as string,
      };
    },
    commit(owner, name, input) {
      const repo = state.repo(owner, name);
      return state.commit(
        repo,
        input.branch,
        input.files,
        input.message ?? `Update ${Object.keys(input.files).join(', ')}`,
        input.author ?? owner,
        [],
        input.date,
      ).sha;
    },
    setPermission(owner, name, login, permission) {
      state.repo(owner, name).permissions.set(login, permission);
    },
    setDefaultBranch(owner, name, branch) {
      const repo = state.repo(owner, name);
      if (!repo.branches.has(branch)) throw new FakeHttpError(422, `Branch ${branch} does not exist`);
      repo.defaultBranch = branch;
    },
    setCommitStatus(owner, name, sha, context, commitState) {
      const repo = state.repo(owner, name);
      state.addCommitStatus(repo, state.mustResolve(repo, sha).sha, { state: commitState, context, creator: 'ci[bot]' });
    },
    openPullRequest(owner, name, input) {
      const repo = state.repo(owner, name);
      const base = input.base ?? repo.defaultBranch;
      if (!repo.branches.has(input.head)) throw new FakeHttpError(422, `Head branch ${input.head} does not exist (commit to it first)`);
      if (!repo.branches.has(base)) throw new FakeHttpError(422, `Base branch ${base} does not exist`);
      const number = repo.nextIssueNumber++;
      const at = now();
      repo.pulls.set(number, {
        number,
        id: state.nextId('pull'),
        head: input.head,
        base,
        title: input.title ?? `Merge ${input.head}`,
        user: input.user ?? 'octocat',
        fromFork: input.fromFork ?? false,
        state: 'open',
        merged: false,
        closedHeadSha: null,
        mergedBaseSha: null,
        mergeSha: null,
        mergedBy: null,
        createdAt: at,
        updatedAt: at,
        closedAt: null,
        mergedAt: null,
      });
      return number;
    },
    async mergePullRequest(owner, name, number, input = {}) {
      const repo = state.repo(owner, name);
      const pr = state.pull(repo, number);
      if (pr.state !== 'open') throw new FakeHttpError(405, `Pull request #${number} is not open`);
      const headSha = state.headSha(repo, pr);
      // GitHub lets only people with write access merge: a merger the test gave no role gets write.
      const mergedBy = input.mergedBy ?? owner;
      if (![...repo.permissions.keys()].some((who) => who.toLowerCase() === mergedBy.toLowerCase()))
        repo.permissions.set(mergedBy, 'write');
      const baseSha = repo.branches.get(pr.base) as string;
      const changes = Object.fromEntries(mergeChanges(state, repo, baseSha, headSha));
      const merge = state.commit(
        repo,
        pr.base,
        changes,
        `Merge pull request #${number} from ${pr.fromFork ? pr.user : owner}/${pr.head}\n\n${pr.title}`,
        input.mergedBy ?? owner,
        [headSha],
      );
      const at = now();
      Object.assign(pr, {
        state: 'closed',
        merged: true,
        closedHeadSha: headSha,
        mergedBaseSha: baseSha,
        mergeSha: merge.sha,
        mergedBy: input.mergedBy ?? owner,
        updatedAt: at,
        closedAt: at,
        mergedAt: at,
      });
      const delivery = await sender.send('pull_request', build.pullRequestClosed(owner, name, number));
      return { mergeSha: merge.sha, delivery };
    },
    async closePullRequest(owner, name, number) {
      const repo = state.repo(owner, name);
      const pr = state.pull(repo, number);
      const at = now();
      Object.assign(pr, { state: 'closed', merged: false, closedHeadSha: state.headSha(repo, pr), updatedAt: at, closedAt: at });
      return sender.send('pull_request', build.pullRequestClosed(owner, name, number));
    },
    async pushBranch(owner, name, input) {
      const repo = state.repo(owner, name);
      const before = repo.branches.get(input.branch) ?? null;
      const sha = state.commit(repo, input.branch, input.files, input.message ?? 'Push', input.author ?? input.pusher, [], input.date).sha;
      const delivery = await sender.send(
        'push',
        build.push(owner, name, { ref: `refs/heads/${input.branch}`, before, after: sha, pusher: input.pusher }),
      );
      return { sha, delivery };
    },
    async pushTag(owner, name, input) {
      const repo = state.repo(owner, name);
      const sha = state.mustResolve(repo, input.sha).sha;
      const before = repo.tags.get(input.tag) ?? null;
      repo.tags.set(input.tag, sha);
      return sender.send('push', build.push(owner, name, { ref: `refs/tags/${input.tag}`, before, after: sha, pusher: input.pusher }));
    },
    async publishRelease(owner, name, input) {
      if (!state.repo(owner, name).tags.has(input.tag)) throw new FakeHttpError(422, `No tag ${input.tag} (push it first)`);
      return sender.send('release', build.releasePublished(owner, name, input));
    },
    async pullRequestEvent(owner, name, number, action, input = {}) {
      const pr = state.pull(state.repo(owner, name), number);
      if (pr.state !== 'open') throw new FakeHttpError(422, `Pull request #${number} is not open`);
      return sender.send('pull_request', build.pullRequestEvent(owner, name, number, action, input));
    },
    async comment(owner, name, issueNumber, input) {
      const repo = state.repo(owner, name);
      if (!repo.pulls.has(issueNumber) && !repo.issues.has(issueNumber)) {
        // Commenting on a number that is neither opens an issue with it, so tests need no extra step.
        if (issueNumber >= repo.nextIssueNumber) repo.nextIssueNumber = issueNumber + 1;
        repo.issues.set(issueNumber, {
          number: issueNumber,
          id: state.nextId('pull'),
          title: `Issue ${issueNumber}`,
          user: input.user,
          createdAt: now(),
        });
      }
      const at = now();
      const comment = {
        id: state.nextId('comment'),
        issueNumber,
        body: input.body,
        user: input.user,
        userType: input.userType ?? 'User',
        createdAt: at,
        updatedAt: at,
        edits: 0,
      };
      repo.comments.push(comment);
      return sender.send('issue_comment', build.issueCommentCreated(owner, name, comment.id));
    },
    sendWebhook: (event, payload, opts) => sender.send(event, payload, opts),
    redeliver: (id) => sender.redeliver(id),
    branchSha(owner, name, branch) {
      const sha = state.repo(owner, name).branches.get(branch);
      if (!sha) throw new FakeHttpError(404, `No branch ${branch} in ${owner}/${name}`);
      return sha;
    },
    filesAt(owner, name, ref) {
      const repo = state.repo(owner, name);
      return Object.fromEntries(state.mustResolve(repo, ref).files);
    },
    buildPayload: build,
    deployments: (owner, name) => state.repo(owner, name).deployments.map(toFakeDeployment),
    comments: (owner, name, issueNumber) =>
      state
        .repo(owner, name)
        .comments.filter((c) => c.issueNumber === issueNumber)
        .map((c) => ({ ...c })),
    reactions: (commentId) => (state.reactions.get(commentId) ?? []).map((r) => r.content),
    waitFor: (check, opts) => waitFor(check, opts, () => ({ calls, deliveries: sender.deliveries })),
  };
}

/** What a merge of head into base changes on base: head's changes since the merge base (no conflict detection). */
function mergeChanges(state: FakeState, repo: RepoRecord, baseSha: string, headSha: string): Map<string, string | null> {
  const from = state.mustResolve(repo, mergeBase(repo.commits, baseSha, headSha) ?? baseSha).files;
  const to = state.mustResolve(repo, headSha).files;
  const changes = new Map<string, string | null>();
  for (const [path, content] of to) if (from.get(path) !== content) changes.set(path, content);
  for (const path of from.keys()) if (!to.has(path)) changes.set(path, null);
  return changes;
}
