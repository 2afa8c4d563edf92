/** Public types of the fake GitHub. */
import type { ChecksTestApi } from './checks/checks-test-api.ts';

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
export type CommitState = 'success' | 'failure' | 'pending' | 'error';
export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

/** One webhook POST and what the receiver answered (status 0: no answer, `body` says why). */
export type Delivery = {
  /** The `X-GitHub-Delivery` guid (a redelivery repeats it). */
  id: string;
  event: string;
  status: number;
  body: string;
  ms: number;
  /** This attempt's numeric id, as `GET /app/hook/deliveries` lists it. */
  attemptId: number;
  redelivery: boolean;
  deliveredAt: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
};

/** One request the fake received. `path` is URL-decoded and without the `/api/v3` prefix. */
export type ApiCall = {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** Epoch milliseconds. */
  at: number;
};

export type FakeDeploymentStatus = {
  id: number;
  state: DeploymentState;
  description: string;
  logUrl: string;
  environmentUrl: string;
  creator: string;
  createdAt: string;
};

export type FakeDeployment = {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  description: string | null;
  payload: unknown;
  autoMerge: boolean;
  requiredContexts: string[] | null;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  creator: string;
  createdAt: string;
  /** Oldest first. */
  statuses: FakeDeploymentStatus[];
};

export type FakeComment = {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  userType: 'User' | 'Bot';
  createdAt: string;
  updatedAt: string;
  edits: number;
};

export type CreateRepoInput = {
  owner: string;
  name: string;
  files: Record<string, string>;
  defaultBranch?: string;
  installationId?: number;
  private?: boolean;
};

export type CommitInput = {
  branch: string;
  files: Record<string, string | null>;
  message?: string;
  author?: string;
  /** The commit's author date (ISO 8601; default now), e.g. a branch's first commit days before its merge. */
  date?: string;
};

export type OpenPullRequestInput = { head: string; base?: string; title?: string; user?: string; fromFork?: boolean };

export type StartOptions = {
  webhookSecret: string;
  port?: number;
  appId?: number;
  /** The app's slug; its bot user is `<slug>[bot]` (author of comments and deployments made with an installation token). */
  appSlug?: string;
  /** When true only tokens minted by `POST /app/installations/:id/access_tokens` (or `issueToken`) are accepted. */
  strictTokens?: boolean;
  /** False: `/app/hook/deliveries` answers 404, as on GitHub Enterprise Server versions without it. */
  hookDeliveriesApi?: boolean;
};

export type WaitOptions = { timeoutMs?: number; what?: string };

export interface FakeGitHub extends ChecksTestApi {
  url: string;
  host: string;
  appId: number;
  appSlug: string;
  privateKey: string;
  webhookSecret: string;
  /** The App's OAuth client (for `GITHUB_CLIENT_ID` / `GITHUB_CLIENT_SECRET`). */
  clientId: string;
  clientSecret: string;
  setWebhookTarget(url: string): void;
  /** Replaces the App's permissions (what `GET /app` and installations report), e.g. to take one away. */
  setAppPermissions(permissions: Record<string, string>): void;
  createRepo(input: CreateRepoInput): { owner: string; name: string; id: number; installationId: number; headSha: string };
  commit(owner: string, repo: string, input: CommitInput): string;
  setPermission(owner: string, repo: string, login: string, permission: Permission): void;
  /** Makes an existing branch the repository's default, as its settings page does. */
  setDefaultBranch(owner: string, repo: string, branch: string): void;
  setCommitStatus(owner: string, repo: string, sha: string, context: string, state: CommitState): void;
  openPullRequest(owner: string, repo: string, input: OpenPullRequestInput): number;
  mergePullRequest(
    owner: string,
    repo: string,
    number: number,
    input?: { mergedBy?: string },
  ): Promise<{ mergeSha: string; delivery: Delivery }>;
  closePullRequest(owner: string, repo: string, number: number): Promise<Delivery>;
  /** Commits to `branch` as `pusher` and sends the `push` webhook for it. */
  pushBranch(owner: string, repo: string, input: CommitInput & { pusher: string }): Promise<{ sha: string; delivery: Delivery }>;
  /** Points tag `tag` at `sha` (any commit of the repository, on a branch or not) and sends the `push` webhook for it. */
  pushTag(owner: string, repo: string, input: { tag: string; sha: string; pusher: string }): Promise<Delivery>;
  /** Publishes a release of an existing tag by `author` and sends `release.published`. */
  publishRelease(owner: string, repo: string, input: { tag: string; author: string }): Promise<Delivery>;
  /**
   * Sends `pull_request.<action>` for an open pull request as it is now (after `openPullRequest`, or
   * after a `commit` to its head branch for `synchronize`); the sender defaults to its author.
   */
  pullRequestEvent(
    owner: string,
    repo: string,
    number: number,
    action: 'opened' | 'reopened' | 'synchronize' | 'labeled',
    input?: { sender?: string; label?: string },
  ): Promise<Delivery>;
  comment(
    owner: string,
    repo: string,
    issueNumber: number,
    input: { user: string; body: string; userType?: 'User' | 'Bot' },
  ): Promise<Delivery>;
  sendWebhook(event: string, payload: object, opts?: { deliveryId?: string; signature?: string | null }): Promise<Delivery>;
  redeliver(deliveryId: string): Promise<Delivery>;
  /** Mints an installation token as `POST /app/installations/:id/access_tokens` would. */
  issueToken(installationId: number): string;
  /**
   * A personal token of `login` (type `Bot` for logins ending in `[bot]` unless given): deployments
   * and comments made with it carry that user as `creator`/`user`, as on GitHub.
   */
  userToken(login: string, type?: 'User' | 'Bot'): string;
  /** The sha a branch points at now. */
  branchSha(owner: string, repo: string, branch: string): string;
  /** The files of a commit (path → content). */
  filesAt(owner: string, repo: string, ref: string): Record<string, string>;
  /** Builds a webhook payload the way the fake's own events do, without sending it. */
  buildPayload: PayloadBuilders;
  calls: ApiCall[];
  /** Every webhook sent, oldest first. */
  deliveries: Delivery[];
  deployments(owner: string, repo: string): FakeDeployment[];
  comments(owner: string, repo: string, issueNumber: number): FakeComment[];
  reactions(commentId: number): string[];
  waitFor<T>(check: () => T | undefined | false | null | Promise<T | undefined | false | null>, opts?: WaitOptions): Promise<T>;
  close(): Promise<void>;
}

export interface PayloadBuilders {
  deploymentCreated(owner: string, repo: string, deploymentId: number): Record<string, unknown>;
  pullRequestEvent(
    owner: string,
    repo: string,
    number: number,
    action: 'opened' | 'reopened' | 'synchronize' | 'labeled',
    input?: { sender?: string; label?: string },
  ): Record<string, unknown>;
  pullRequestClosed(owner: string, repo: string, number: number): Record<string, unknown>;
  issueCommentCreated(owner: string, repo: string, commentId: number): Record<string, unknown>;
  /** A push of `ref` (`refs/heads/…` or `refs/tags/…`) from `before` to `after`. */
  push(owner: string, repo: string, input: { ref: string; before: string | null; after: string; pusher: string }): Record<string, unknown>;
  releasePublished(owner: string, repo: string, input: { tag: string; author: string }): Record<string, unknown>;
}
