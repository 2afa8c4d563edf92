import type { Database } from './database.ts';

/** What a repository claims: a Heroku app, a server variable, or a bucket with a key prefix. */
export interface ClaimRequest {
  readonly kind: 'heroku_app' | 's3_bucket' | 'variable';
  readonly name: string;
  /** Buckets only: '' (the whole bucket) or a prefix ending in '/'. */
  readonly prefix: string;
}

export interface HeldClaim extends ClaimRequest {
  readonly repositoryId: number;
  readonly repository: string;
}

export type ClaimResult =
  | { ok: true; claimed: ClaimRequest[] }
  | { ok: false; reason: 'claimed_by_another'; conflicts: { request: ClaimRequest; holder: HeldClaim }[] };

interface ClaimRow {
  kind: ClaimRequest['kind'];
  name: string;
  prefix: string;
  repository_id: string | number;
  repository: string;
}

/**
 * Claims every resource for the repository, or none (`record: false` only checks, for dry runs): a resource held by another repository (for a
 * bucket, a prefix that contains or lies within the requested one) refuses the whole request.
 * The table is locked for the transaction so that two repositories racing for one resource
 * cannot both win, on either store engine and any number of replicas.
 */
export async function claimResources(
  db: Database,
  repository: { id: number; fullName: string },
  requests: ClaimRequest[],
  options: { record: boolean } = { record: true },
): Promise<ClaimResult> {
  if (requests.length === 0) return { ok: true, claimed: [] };
  return db.transaction(async (tx) => {
    await tx.query('LOCK TABLE resource_claims IN SHARE ROW EXCLUSIVE MODE');
    const names = [...new Set(requests.map((r) => r.name))];
    const rows = await tx.query<ClaimRow>(
      'SELECT kind, name, prefix, repository_id, repository FROM resource_claims WHERE name = ANY($1::text[])',
      [names],
    );
    const held = rows.map(toClaim);
    const conflicts = requests.flatMap((request) =>
      held.filter((h) => h.repositoryId !== repository.id && overlaps(h, request)).map((holder) => ({ request, holder })),
    );
    if (conflicts.length > 0) return { ok: false, reason: 'claimed_by_another', conflicts };
    if (!options.record) return { ok: true, claimed: [] };
    const claimed: ClaimRequest[] = [];
    for (const r of requests) {
      const inserted = await tx.query(
        `INSERT INTO resource_claims (kind, name, prefix, repository_id, repository) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, name, prefix) DO NOTHING RETURNING 1`,
        [r.kind, r.name, r.prefix, repository.id, repository.fullName],
      );
      if (inserted.length > 0) claimed.push(r);
    }
    return { ok: true, claimed };
  });
}

function overlaps(held: ClaimRequest, wanted: ClaimRequest): boolean {
  if (held.kind !== wanted.kind || held.name !== wanted.name) return false;
  return held.prefix.startsWith(wanted.prefix) || wanted.prefix.startsWith(held.prefix);
}

function toClaim(r: ClaimRow): HeldClaim {
  return { kind: r.kind, name: r.name, prefix: r.prefix, repositoryId: Number(r.repository_id), repository: r.repository };
}
