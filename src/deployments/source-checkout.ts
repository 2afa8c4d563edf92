import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { downloadTarball } from '../github/repository-content.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { HostError } from './errors.ts';
import type { SourceTree } from './step.ts';

/**
 * The repository at a SHA, fetched from GitHub's tarball API on first use into
 * `<workDir>/checkouts/<name>` (a deployment's id, or a dry run's own name).
 */
export class GitHubSourceTree implements SourceTree {
  #dir: Promise<string> | undefined;
  readonly #root: string;

  constructor(
    private readonly github: GitHubClient,
    private readonly commit: { owner: string; repo: string; sha: string },
    workDir: string,
    name: string,
  ) {
    this.#root = path.join(workDir, 'checkouts', name);
  }

  dir(): Promise<string> {
    this.#dir ??= this.#fetch();
    return this.#dir;
  }

  /**
   * Starts the fetch now, for a step that will ask for it later: the download and unpacking then
   * overlap the checks before the first step. Nothing in the checkout runs before a step does, and
   * a failure reaches that step (or nobody, when the deployment ends first).
   */
  prefetch(): void {
    this.dir().catch(() => undefined);
  }

  async #fetch(): Promise<string> {
    const { owner, repo, sha } = this.commit;
    const archive = await downloadTarball(this.github, { owner, repo, ref: sha });
    await rm(this.#root, { recursive: true, force: true });
    await mkdir(this.#root, { recursive: true });
    // GitHub's archive holds one top folder (<owner>-<repo>-<sha>/): strip it. `strict`: a file that
    // could not be written (a full disk) fails the checkout instead of leaving it silently incomplete.
    try {
      await pipeline(Readable.from(archive), tar.x({ cwd: this.#root, strip: 1, strict: true }));
    } catch (error) {
      await rm(this.#root, { recursive: true, force: true });
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC')
        throw new HostError("no space left on the disk of Runway's data directory for the checkout: free some, then deploy again");
      throw error;
    }
    return this.#root;
  }

  async cleanup(): Promise<void> {
    // A fetch still unpacking would write into the folder after it was removed.
    await this.#dir?.catch(() => undefined);
    await rm(this.#root, { recursive: true, force: true });
  }
}
