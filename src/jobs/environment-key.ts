/** The queue key that serialises deployments of one environment (and names its lock). */
export function environmentKey(owner: string, repo: string, environment: string): string {
  return `${owner}/${repo}:${environment}`;
}
