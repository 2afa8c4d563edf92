import type { Logger } from 'pino';
import type { StepLog } from '../deployments/step.ts';
import type { Database } from '../store/database.ts';
import { claimResources, type ClaimRequest } from '../store/resource-claims-store.ts';
import { describeResource, type ResourceUse } from './config-resources.ts';
import { checkGrants, networkGranted } from './policy-grants.ts';
import type { Policy } from './policy-schema.ts';
import { fullName, type RepositoryIdentity } from './repository-identity.ts';

export type AdmitResult = { ok: true } | { ok: false; reason: 'not_granted' | 'claimed_by_another'; refusals: string[] };

export interface AdmitInput {
  readonly repo: RepositoryIdentity;
  /** What the config names (config-resources.ts). */
  readonly uses: ResourceUse[];
  readonly log: StepLog;
  /** A dry run checks without claiming anything. */
  readonly dryRun?: boolean;
}

/**
 * Decides which shared resources a repository's config may use: the operator's policy when there
 * is one, else first-come claims recorded in the store.
 */
export interface ResourceGate {
  readonly mode: 'policy' | 'claims';
  admit(input: AdmitInput): Promise<AdmitResult>;
  /** CIDRs of private, loopback or link-local addresses this repository's commands and checks may reach. */
  networkAllowFor(repo: RepositoryIdentity): readonly string[];
}

export function createResourceGate(input: { db: Database; policy?: { policy: Policy; file: string }; log: Logger }): ResourceGate {
  const { policy } = input;
  if (policy) {
    return {
      mode: 'policy',
      admit: async ({ repo, uses }) => checkGrants(policy.policy, policy.file, repo, uses),
      networkAllowFor: (repo) => networkGranted(policy.policy, repo),
    };
  }
  input.log.warn(
    'no RUNWAY_POLICY: the first repository to use a Heroku app, an S3 bucket and prefix or a server variable claims it, and any other repository that names it is refused; private networks stay closed',
  );
  return {
    mode: 'claims',
    admit: (admit) => admitByClaims(input.db, input.log, admit),
    networkAllowFor: () => [],
  };
}

async function admitByClaims(db: Database, log: Logger, { repo, uses, log: stepLog, dryRun }: AdmitInput): Promise<AdmitResult> {
  const requests = uses.flatMap((use) => claimFor(use));
  const result = await claimResources(
    db,
    { id: repo.id, fullName: fullName(repo) },
    requests.map((r) => r.claim),
    { record: dryRun !== true },
  );
  if (!result.ok) {
    const refusals = result.conflicts.map(({ request, holder }) => {
      const use = requests.find((r) => r.claim === request)!.use;
      return `${use.field}: ${describeResource(use)} is claimed by ${holder.repository} (id ${holder.repositoryId}); without RUNWAY_POLICY the first repository to use it owns it`;
    });
    return { ok: false, reason: 'claimed_by_another', refusals };
  }
  for (const claim of result.claimed) {
    const use = requests.find((r) => r.claim === claim)!.use;
    stepLog.line(`${fullName(repo)} now owns ${describeResource(use)} (no RUNWAY_POLICY: first use claims it)`);
    log.info(
      { repository: fullName(repo), repositoryId: repo.id, kind: claim.kind, name: claim.name, prefix: claim.prefix },
      'resource claimed',
    );
  }
  return { ok: true };
}

/** Endpoints are not claimed: without a policy, Runway's requests to private addresses are refused anyway. */
function claimFor(use: ResourceUse): { use: ResourceUse; claim: ClaimRequest }[] {
  switch (use.kind) {
    case 'heroku_app':
      return [{ use, claim: { kind: use.kind, name: use.app, prefix: '' } }];
    case 's3_bucket':
      return [{ use, claim: { kind: use.kind, name: use.bucket, prefix: use.prefix } }];
    case 'variable':
      return [{ use, claim: { kind: use.kind, name: use.name, prefix: '' } }];
    case 's3_endpoint':
      return [];
  }
}
