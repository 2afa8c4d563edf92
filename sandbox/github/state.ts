import { applyChanges, makeSha, type Commit } from './git-model.ts';
import { FakeHttpError } from './http-error.ts';
import type { CommitState, CreateRepoInput, DeploymentState, FakeComment, Permission } from './types.ts';

export type CommitStatus = {
  id: number;
  state: CommitState;
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
};

export type DeploymentStatusRecord = {
  id: number;
  state: DeploymentState;
  description: string;
  logUrl: string;
  environmentUrl: string;
  creator: string;
  createdAt: string;
};

export type DeploymentRecord = {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  originalEnvironment: string;
  description: string | null;
  payload: unknown;
  autoMerge: boolean;
  requiredContexts: string[] | null;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  creator: string;
  creatorType: 'User' | 'Bot';
  createdAt: string;
  updatedAt: string;
  statuses: DeploymentStatusRecord[];
};

export type PullRecord = {
  number: number;
  id: number;
  head: string;
  base: string;
  title: string;
  user: string;
  fromFork: boolean;
  state: 'open' | 'closed';
  merged: boolean;
  /** Frozen head sha once closed; while open the head branch's tip is read live. */
  closedHeadSha: string | null;
  /** The base commit the merge was made on (for the files listing after merge). */
  mergedBaseSha: string | null;
  mergeSha: string | null;
  mergedBy: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
};

export type IssueRecord = { number: number; id: number; title: string; user: string; createdAt: string };

export type CommentRecord = FakeComment;

export type ReactionRecord = { id: number; content: string; user: string; userType: 'User' | 'Bot'; createdAt: string };

export type RepoRecord = {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  installationId: number;
  createdAt: string;
  branches: Map<string, string>;
  /** Tag name → sha (lightweight tags; `pushTag` sets them). */
  tags: Map<string, string>;
  commits: Map<string, Commit>;
  permissions: Map<string, Permission>;
  statuses: Map<string, CommitStatus[]>;
  pulls: Map<number, PullRecord>;
  issues: Map<number, IssueRecord>;
  comments: CommentRecord[];
  deployments: DeploymentRecord[];
  nextIssueNumber: number;
};

export const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** All of the fake's state. Plain maps: the fake runs in one process and forgets on close. */
export class FakeState {
  readonly repos = new Map<string, RepoRecord>();
  readonly installations = new Map<number, { id: number; account: string }>();
  readonly reactions = new Map<number, ReactionRecord[]>();
  private ids = {
    repo: 100_000,
    installation: 40_000,
    deployment: 7_000_000,
    status: 9_000_000,
    comment: 1_200_000,
    reaction: 3_000_000,
    pull: 500_000,
    release: 2_000_000,
  };

  nextId(kind: keyof FakeState['ids']): number {
    this.ids[kind] += 1;
    return this.ids[kind];
  }

  repo(owner: string, name: string): RepoRecord {
    const found = this.repos.get(`${owner}/${name}`.toLowerCase());
    if (!found) throw new FakeHttpError(404, 'Not Found');
    return found;
  }

  installationFor(owner: string, wanted?: number): number {
    if (wanted !== undefined) {
      if (!this.installations.has(wanted)) this.installations.set(wanted, { id: wanted, account: owner });
      return wanted;
    }
    for (const inst of this.installations.values()) if (inst.account.toLowerCase() === owner.toLowerCase()) return inst.id;
    const id = this.nextId('installation');
    this.installations.set(id, { id, account: owner });
    return id;
  }

  createRepo(input: CreateRepoInput): RepoRecord {
    const key = `${input.owner}/${input.name}`.toLowerCase();
    if (this.repos.has(key)) throw new FakeHttpError(422, `Repository ${input.owner}/${input.name} already exists`);
    const defaultBranch = input.defaultBranch ?? 'main';
    const initial: Commit = {
      sha: makeSha(key, 'initial'),
      parents: [],
      files: applyChanges(new Map(), input.files),
      message: 'Initial commit',
      author: input.owner,
      date: now(),
    };
    const repo: RepoRecord = {
      id: this.nextId('repo'),
      owner: input.owner,
      name: input.name,
      defaultBranch,
      private: input.private ?? false,
      installationId: this.installationFor(input.owner, input.installationId),
      createdAt: now(),
      branches: new Map([[defaultBranch, initial.sha]]),
      tags: new Map(),
      commits: new Map([[initial.sha, initial]]),
      permissions: new Map(),
      statuses: new Map(),
      pulls: new Map(),
      issues: new Map(),
      comments: [],
      deployments: [],
      nextIssueNumber: 1,
    };
    this.repos.set(key, repo);
    return repo;
  }

  /** A branch name, a tag name (or `refs/tags/…`) or a (full or abbreviated, at least 7 hex) sha → the commit. */
  resolve(repo: RepoRecord, ref: string): Commit | undefined {
    const clean = ref.replace(/^refs\/heads\//, '');
    const branchSha = repo.branches.get(clean);
    if (branchSha) return repo.commits.get(branchSha);
    const tagSha = repo.tags.get(ref.replace(/^refs\/tags\//, ''));
    if (tagSha) return repo.commits.get(tagSha);
    if (/^[0-9a-f]{7,40}$/i.test(ref)) {
      for (const commit of repo.commits.values()) if (commit.sha.startsWith(ref.toLowerCase())) return commit;
    }
    return undefined;
  }

  mustResolve(repo: RepoRecord, ref: string): Commit {
    const commit = this.resolve(repo, ref);
    if (!commit) throw new FakeHttpError(404, `No commit found for the ref ${ref}`);
    return commit;
  }

  commit(
    repo: RepoRecord,
    branch: string,
    changes: Record<string, string | null>,
    message: string,
    author: string,
    extraParents: string[] = [],
    date: string = now(),
  ): Commit {
    const parentSha = repo.branches.get(branch) ?? repo.branches.get(repo.defaultBranch);
    const parent = parentSha ? repo.commits.get(parentSha) : undefined;
    if (!parent) throw new FakeHttpError(404, `Branch ${repo.defaultBranch} not found`);
    const commit: Commit = {
      sha: makeSha(repo.owner, repo.name, branch, message, JSON.stringify(changes)),
      parents: [parent.sha, ...extraParents],
      files: applyChanges(parent.files, changes),
      message,
      author,
      date,
    };
    repo.commits.set(commit.sha, commit);
    repo.branches.set(branch, commit.sha);
    return commit;
  }

  pull(repo: RepoRecord, number: number): PullRecord {
    const pr = repo.pulls.get(number);
    if (!pr) throw new FakeHttpError(404, 'Not Found');
    return pr;
  }

  headSha(repo: RepoRecord, pr: PullRecord): string {
    return pr.closedHeadSha ?? repo.branches.get(pr.head) ?? '';
  }

  /** The latest status of each context on a commit. */
  latestStatuses(repo: RepoRecord, sha: string): Map<string, CommitStatus> {
    const latest = new Map<string, CommitStatus>();
    for (const status of repo.statuses.get(sha) ?? []) latest.set(status.context, status);
    return latest;
  }

  addCommitStatus(
    repo: RepoRecord,
    sha: string,
    input: { state: CommitState; context: string; description?: string | null; targetUrl?: string | null; creator: string },
  ): CommitStatus {
    const at = now();
    const status: CommitStatus = {
      id: this.nextId('status'),
      state: input.state,
      context: input.context,
      description: input.description ?? null,
      targetUrl: input.targetUrl ?? null,
      creator: input.creator,
      createdAt: at,
      updatedAt: at,
    };
    const list = repo.statuses.get(sha) ?? [];
    list.push(status);
    repo.statuses.set(sha, list);
    return status;
  }

  findComment(commentId: number): { repo: RepoRecord; comment: CommentRecord } | undefined {
    for (const repo of this.repos.values()) {
      const comment = repo.comments.find((c) => c.id === commentId);
      if (comment) return { repo, comment };
    }
    return undefined;
  }
}
