import type { Db } from '../db/pool.ts';
import { likePattern, type AdopterFilter } from '../schemas/filters.ts';

export const adopterColumns = `id::text, name, email, phone, address, notes,
  black_listed_at IS NOT NULL AS "blackListed", black_listed_at AS "blackListedAt", black_list_reason AS "blackListReason",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Adopters matching `filter`, by id: the search and its exports. */
export async function findAdopters(db: Db, filter: AdopterFilter) {
  const { rows } = await db.query(
    `SELECT ${adopterColumns} FROM adopters
      WHERE ($1::text IS NULL OR name ILIKE $1 OR email ILIKE $1 OR coalesce(phone, '') ILIKE $1)
        AND ($2::boolean IS NULL OR (black_listed_at IS NOT NULL) = $2)
      ORDER BY id`,
    [likePattern(filter.q), filter.blackListed === undefined ? null : filter.blackListed === 'true'],
  );
  return rows;
}
