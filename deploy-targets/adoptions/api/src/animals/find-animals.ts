import type { Db } from '../db/pool.ts';
import { likePattern, type AnimalFilter } from '../schemas/filters.ts';
import { animalColumns } from './animal-row.ts';

/** Animals matching `filter`, by id, with how many photos each has: the list and its exports. */
export async function findAnimals(db: Db, filter: AnimalFilter) {
  const { rows } = await db.query(
    `SELECT ${animalColumns}, (SELECT count(*)::int FROM animal_photos p WHERE p.animal_id = animals.id) AS "photoCount"
       FROM animals
      WHERE ($1::text IS NULL OR status = $1)
        AND ($2::text IS NULL OR lower(species) = lower($2))
        AND ($3::text IS NULL OR sex = $3)
        AND ($4::text IS NULL OR name ILIKE $4 OR coalesce(breed, '') ILIKE $4 OR description ILIKE $4)
      ORDER BY id`,
    [filter.status ?? null, filter.species ?? null, filter.sex ?? null, likePattern(filter.q)],
  );
  return rows;
}
