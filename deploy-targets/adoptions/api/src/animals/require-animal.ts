import type { Db } from '../db/pool.ts';
import { notFound } from '../http/errors.ts';

/** 404 unless the animal exists; for routes nested under /animals/:id. */
export async function requireAnimal(db: Db, id: string): Promise<void> {
  const found = await db.query('SELECT 1 FROM animals WHERE id = $1', [id]);
  if (!found.rowCount) throw notFound('animal');
}
