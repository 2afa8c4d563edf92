import { Hono } from 'hono';
import type { Db } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { requireAnimal } from '../animals/require-animal.ts';
import { notFound } from '../http/errors.ts';
import { body, idParam } from '../http/validate.ts';
import { requirePermission } from '../auth/require-auth.ts';
import { animalEventBody } from '../schemas/animal-events.ts';

const columns = `e.id::text, e.kind, to_char(e.occurred_on, 'YYYY-MM-DD') AS "occurredOn", e.description,
  e.created_by::text AS "createdBy", a.name AS "createdByName", e.created_at AS "createdAt"`;


/** An animal's events (vaccinations, vet visits, …), under /animals/:id/events. Mounted behind requireAuth. */
export function animalEventRoutes(db: Db) {
  const app = new Hono<AppEnv>();

  app.get('/', requirePermission('animals.read'), async (c) => {
    const id = idParam(c);
    await requireAnimal(db, id);
    const { rows } = await db.query(
      `SELECT ${columns} FROM animal_events e LEFT JOIN accounts a ON a.id = e.created_by
        WHERE e.animal_id = $1 ORDER BY e.occurred_on, e.id`,
      [id],
    );
    return c.json({ events: rows });
  });

  app.post('/', requirePermission('animals.write'), async (c) => {
    const id = idParam(c);
    const input = await body(c, animalEventBody);
    await requireAnimal(db, id);
    const { rows } = await db.query(
      `WITH e AS (INSERT INTO animal_events (animal_id, kind, occurred_on, description, created_by)
                  VALUES ($1, $2, $3, $4, $5) RETURNING *)
       SELECT ${columns} FROM e LEFT JOIN accounts a ON a.id = e.created_by`,
      [id, input.kind, input.occurredOn, input.description, c.var.account.id],
    );
    return c.json({ event: rows[0] }, 201);
  });

  app.delete('/:eventId', requirePermission('animals.write'), async (c) => {
    const deleted = await db.query('DELETE FROM animal_events WHERE id = $1 AND animal_id = $2', [
      idParam(c, 'eventId'),
      idParam(c),
    ]);
    if (!deleted.rowCount) throw notFound('event');
    return c.body(null, 204);
  });

  return app;
}
