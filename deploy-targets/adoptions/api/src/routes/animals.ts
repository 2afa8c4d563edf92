import { Hono } from 'hono';
import type { Db } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { conflict, notFound } from '../http/errors.ts';
import { body, idParam, query } from '../http/validate.ts';
import { updateSet } from '../http/update-set.ts';
import { requirePermission } from '../auth/require-auth.ts';
import { animalBody, animalPatch } from '../schemas/animals.ts';
import { animalFilter } from '../schemas/filters.ts';
import { findAnimals } from '../animals/find-animals.ts';
import { animalColumns, animalFieldColumns } from '../animals/animal-row.ts';
import type { PhotoStorage } from '../storage/photo-storage.ts';
import { photoRoutes } from './photos.ts';
import { photoColumns, photoWithUrls, type PhotoRow } from '../photos/photo-row.ts';
import { animalEventRoutes } from './animal-events.ts';

/** Animals CRUD, with their photos under /animals/:id/photos. Mounted behind requireAuth. */
export function animalRoutes(db: Db, storage: PhotoStorage) {
  const app = new Hono<AppEnv>();
  const read = requirePermission('animals.read');
  const write = requirePermission('animals.write');

  app.get('/', read, async (c) => c.json({ animals: await findAnimals(db, query(c, animalFilter)) }));

  app.get('/:id', read, async (c) => {
    const id = idParam(c);
    const { rows } = await db.query(`SELECT ${animalColumns} FROM animals WHERE id = $1`, [id]);
    if (!rows[0]) throw notFound('animal');
    const photos = await db.query<PhotoRow>(`SELECT ${photoColumns} FROM animal_photos WHERE animal_id = $1 ORDER BY id`, [id]);
    const withUrls = await Promise.all(photos.rows.map((p) => photoWithUrls(storage, p)));
    return c.json({ animal: { ...rows[0], photos: withUrls } });
  });

  app.post('/', write, async (c) => {
    const a = await body(c, animalBody);
    const { rows } = await db.query(
      `INSERT INTO animals (name, species, breed, sex, birth_date, description)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${animalColumns}`,
      [a.name, a.species, a.breed ?? null, a.sex, a.birthDate ?? null, a.description],
    );
    return c.json({ animal: rows[0] }, 201);
  });

  app.patch('/:id', write, async (c) => {
    const id = idParam(c);
    const patch = await body(c, animalPatch);
    const set = updateSet(patch, animalFieldColumns);
    const { rows } = await db.query(
      `UPDATE animals SET ${set.sql}, updated_at = now() WHERE id = $1 RETURNING ${animalColumns}`,
      [id, ...set.values],
    );
    if (!rows[0]) throw notFound('animal');
    return c.json({ animal: rows[0] });
  });

  app.delete('/:id', write, async (c) => {
    const id = idParam(c);
    const used = await db.query('SELECT 1 FROM adoption_requests WHERE animal_id = $1 LIMIT 1', [id]);
    if (used.rowCount) throw conflict('the animal has adoption requests; keep it for the record');
    const deleted = await db.query('DELETE FROM animals WHERE id = $1', [id]);
    if (!deleted.rowCount) throw notFound('animal');
    return c.body(null, 204);
  });

  app.route('/:id/photos', photoRoutes(db, storage));
  app.route('/:id/events', animalEventRoutes(db));
  return app;
}
