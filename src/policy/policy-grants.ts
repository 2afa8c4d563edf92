import picomatch from 'picomatch';
import { describeResource, type ResourceUse } from './config-resources.ts';
import type { Policy, PolicyEntry } from './policy-schema.ts';
import { fullName, type RepositoryIdentity } from './repository-identity.ts';

/** The policy entries that apply to a repository, with their position for messages. */
export interface MatchedEntry {
  readonly index: number;
  readonly entry: PolicyEntry;
}

export type GrantResult = { ok: true } | { ok: false; reason: 'not_granted'; refusals: string[] };

/**
 * Entries whose `name` glob (case-insensitive) and `ids` both match, where given. Names can be
 * reused after a rename; an entry that also lists ids keeps matching only the repository it meant.
 */
export function matchingEntries(policy: Policy, repo: RepositoryIdentity): MatchedEntry[] {
  const name = fullName(repo);
  return policy.repositories.flatMap((entry, index) => {
    const nameOk = entry.name === undefined || picomatch.isMatch(name, entry.name, { nocase: true });
    const idOk = entry.ids === undefined || entry.ids.includes(repo.id);
    return nameOk && idOk ? [{ index, entry }] : [];
  });
}

/** Checks each resource against the union of the entries matching the repository. */
export function checkGrants(policy: Policy, policyFile: string, repo: RepositoryIdentity, uses: ResourceUse[]): GrantResult {
  const entries = matchingEntries(policy, repo);
  const where =
    entries.length === 0
      ? `in no entry of the policy ${policyFile}: none matches ${fullName(repo)} (id ${repo.id})`
      : `not granted to ${fullName(repo)} by the policy ${policyFile} (${entries.map(label).join(', ')})`;
  const refusals = uses
    .filter((use) => !entries.some(({ entry }) => grants(entry, use)))
    .map((use) => `${use.field}: ${describeResource(use)} is ${where}`);
  return refusals.length === 0 ? { ok: true } : { ok: false, reason: 'not_granted', refusals };
}

/** The private, loopback and link-local ranges a repository's commands and Runway's checks for it may reach. */
export function networkGranted(policy: Policy, repo: RepositoryIdentity): readonly string[] {
  return [...new Set(matchingEntries(policy, repo).flatMap(({ entry }) => entry.network))];
}

function grants(entry: PolicyEntry, use: ResourceUse): boolean {
  switch (use.kind) {
    case 'heroku_app':
      return entry.heroku_apps.some((g) => picomatch.isMatch(use.app, g));
    case 's3_bucket':
      return entry.s3_buckets.some((g) => picomatch.isMatch(use.bucket, g.bucket) && use.prefix.startsWith(g.prefix));
    case 's3_endpoint':
      return entry.s3_endpoints.includes(use.endpoint);
    case 'variable':
      return entry.variables.some((g) => picomatch.isMatch(use.name, g));
  }
}

function label({ index, entry }: MatchedEntry): string {
  const parts = [entry.name, entry.ids && `ids ${entry.ids.join(', ')}`].filter(Boolean);
  return `repositories[${index}] ${parts.join(' ')}`;
}
