/** A full commit SHA: what a file's content is fixed by (a branch or tag name is not). */
export const isCommitSha = (ref: string): boolean => /^[0-9a-f]{40}$/i.test(ref);

/** Freezes a parsed config all the way down, so that no reader can change what the next one gets. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * What a repository's config file says at a commit, read and parsed once per process: the file at
 * a commit SHA never changes, so the answer is kept (the newest `capacity` commits; a Map keeps
 * insertion order, which is all an LRU needs here). Keyed by the GitHub API, the repository and
 * the full SHA only: never by a branch name (its commit moves) and never shared across
 * repositories. Concurrent readers of one commit share one request; a failed read is forgotten so
 * the next reader asks again. Values are deeply frozen.
 */
export class CommitConfigCache<T> {
  readonly #entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity = 256) {}

  /** `api`: the GitHub API's base URL (one Runway may talk to one GitHub; tests start several). */
  read(at: { api: string; owner: string; repo: string; sha: string }, load: () => Promise<T>): Promise<T> {
    if (!isCommitSha(at.sha)) throw new Error(`not a commit SHA: ${at.sha}`);
    const key = [at.api, at.owner.toLowerCase(), at.repo.toLowerCase(), at.sha.toLowerCase()].join('\n');
    const known = this.#entries.get(key);
    if (known) {
      // Most recently used goes last.
      this.#entries.delete(key);
      this.#entries.set(key, known);
      return known;
    }
    const loading = load().then(deepFreeze);
    this.#entries.set(key, loading);
    loading.catch(() => {
      if (this.#entries.get(key) === loading) this.#entries.delete(key);
    });
    while (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    return loading;
  }
}
