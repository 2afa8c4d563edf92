/** GitHub's web root for a REST base URL: api.github.com → github.com; GHES strips `/api/v3`. */
export function githubWebUrl(apiUrl: string): string {
  return /^https:\/\/api\.github\.com\/?$/.test(apiUrl) ? 'https://github.com' : apiUrl.replace(/\/api\/v3\/?$/, '');
}
