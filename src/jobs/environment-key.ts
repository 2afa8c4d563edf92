/** The queue key that serialises deployments of one environment (and names its lock). */
export function environmentKey(owner: string, repo: string, environment: string): string {
  return `${owner}/${repo}:${environment}`;
}

/** The repository and environment of a key (owners have no `/`, repositories no `:`); undefined for other keys. */
export function parseEnvironmentKey(key: string): { owner: string; repo: string; environment: string } | undefined {
  const match = /^([^/]+)\/([^:]+):(.+)$/.exec(key);
  return match ? { owner: match[1]!, repo: match[2]!, environment: match[3]! } : undefined;
}
