import type { Db } from '../db/pool.ts';
import type { AdoptionRequestFilter } from '../schemas/filters.ts';
import { transitions, type AdoptionState } from './transitions.ts';

export const requestColumns = `r.id::text, r.state, r.notes, r.animal_id::text AS "animalId", an.name AS "animalName",
  r.adopter_id::text AS "adopterId", ad.name AS "adopterName", r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;
export const requestFrom = 'adoption_requests r JOIN animals an ON an.id = r.animal_id JOIN adopters ad ON ad.id = r.adopter_id';

export const withMoves = <T extends { state: AdoptionState }>(row: T) => ({ ...row, nextStates: transitions[row.state] });

/** Adoption requests matching `filter`, by id, with the moves each can make: the list and its exports. */
export async function findRequests(db: Db, filter: AdoptionRequestFilter) {
  const { rows } = await db.query<{ state: AdoptionState }>(
    `SELECT ${requestColumns} FROM ${requestFrom}
      WHERE ($1::text IS NULL OR r.state = $1)
        AND ($2::date IS NULL OR r.created_at >= ($2::date AT TIME ZONE 'UTC'))
        AND ($3::date IS NULL OR r.created_at < (($3::date + 1) AT TIME ZONE 'UTC'))
      ORDER BY r.id`,
    [filter.state ?? null, filter.from ?? null, filter.to ?? null],
  );
  return rows.map(withMoves);
}
