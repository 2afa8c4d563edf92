import { httpStatus, type GitHubClient, type RepoRef } from './github-client.ts';

/** A file's text at a ref, or undefined when it does not exist there. */
export async function fetchFileText(github: GitHubClient, input: RepoRef & { path: string; ref: string }): Promise<string | undefined> {
  try {
    const res = await github.rest.repos.getContent({ owner: input.owner, repo: input.repo, path: input.path, ref: input.ref });
    const data = res.data;
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
    return Buffer.from(data.content, (data.encoding as BufferEncoding) || 'base64').toString('utf8');
  } catch (error) {
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
}

/** The gzipped tarball of the repository at a ref (GitHub answers with a redirect that Octokit follows). */
export async function downloadTarball(github: GitHubClient, input: RepoRef & { ref: string }): Promise<Buffer> {
  const res = await github.rest.repos.downloadTarballArchive({ owner: input.owner, repo: input.repo, ref: input.ref });
  return Buffer.from(res.data as ArrayBuffer);
}

/** Paths a pull request changed (added, modified, removed and both sides of renames). */
export async function listChangedFiles(github: GitHubClient, input: RepoRef & { pullNumber: number }): Promise<string[]> {
  const files = await github.paginate(github.rest.pulls.listFiles, {
    owner: input.owner,
    repo: input.repo,
    pull_number: input.pullNumber,
    per_page: 100,
  });
  return files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]));
}
