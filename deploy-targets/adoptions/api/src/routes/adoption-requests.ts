import { Hono } from 'hono';
import type { Db } from '../db/pool.ts';
import { inTransaction } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ApiError, conflict, notFound } from '../http/errors.ts';
import { body, idParam, query } from '../http/validate.ts';
import { requirePermission } from '../auth/require-auth.ts';
import { adoptionRequestBody, transitionBody } from '../schemas/adoption-requests.ts';
import { adoptionRequestFilter } from '../schemas/filters.ts';
import { findRequests, requestColumns, requestFrom, withMoves } from '../adoptions/find-requests.ts';
import { moveAdoptionRequest } from '../adoptions/move-request.ts';
import type { AdoptionState } from '../adoptions/transitions.ts';

/** Adoption requests and their state machine. Mounted behind requireAuth. */
export function adoptionRequestRoutes(db: Db) {
  const app = new Hono<AppEnv>();
  const read = requirePermission('adoptions.read');

  app.get('/', read, async (c) => c.json({ adoptionRequests: await findRequests(db, query(c, adoptionRequestFilter)) }));

  app.get('/:id', read, async (c) => {
    const id = idParam(c);
    const { rows } = await db.query<{ state: AdoptionState }>(`SELECT ${requestColumns} FROM ${requestFrom} WHERE r.id = $1`, [id]);
    if (!rows[0]) throw notFound('adoption request');
    const events = await db.query(
      `SELECT e.from_state AS "from", e.to_state AS "to", e.note, e.actor_id::text AS "actorId",
              a.name AS "actorName", e.created_at AS "at"
         FROM adoption_request_events e LEFT JOIN accounts a ON a.id = e.actor_id
        WHERE e.request_id = $1 ORDER BY e.id`,
      [id],
    );
    return c.json({ adoptionRequest: { ...withMoves(rows[0]), events: events.rows } });
  });

  app.post('/', requirePermission('adoptions.create'), async (c) => {
    const input = await body(c, adoptionRequestBody);
    const actor = c.var.account.id;
    const id = await inTransaction(db, async (client) => {
      const animal = await client.query<{ status: string }>('SELECT status FROM animals WHERE id = $1', [input.animalId]);
      const adopter = await client.query<{ black_listed: boolean }>(
        'SELECT black_listed_at IS NOT NULL AS black_listed FROM adopters WHERE id = $1',
        [input.adopterId],
      );
      const missing = [
        ...(animal.rowCount ? [] : [{ path: 'animalId', message: 'no such animal' }]),
        ...(adopter.rowCount ? [] : [{ path: 'adopterId', message: 'no such adopter' }]),
      ];
      if (missing.length) throw new ApiError(400, 'validation_failed', 'invalid request body', missing);
      if (animal.rows[0]?.status === 'adopted') throw conflict('the animal is already adopted');
      if (adopter.rows[0]?.black_listed) throw conflict('the adopter is on the black list');
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO adoption_requests (animal_id, adopter_id, notes, created_by) VALUES ($1, $2, $3, $4) RETURNING id::text`,
        [input.animalId, input.adopterId, input.notes, actor],
      );
      const created = rows[0]!.id;
      await client.query(
        `INSERT INTO adoption_request_events (request_id, from_state, to_state, actor_id) VALUES ($1, NULL, 'submitted', $2)`,
        [created, actor],
      );
      return created;
    });
    const { rows } = await db.query<{ state: AdoptionState }>(`SELECT ${requestColumns} FROM ${requestFrom} WHERE r.id = $1`, [id]);
    return c.json({ adoptionRequest: withMoves(rows[0]!) }, 201);
  });

  app.post('/:id/transitions', read, async (c) => {
    const id = idParam(c);
    const { to, note } = await body(c, transitionBody);
    const moved = await moveAdoptionRequest(db, { requestId: id, to, note, actor: c.var.account });
    const { rows } = await db.query<{ state: AdoptionState }>(`SELECT ${requestColumns} FROM ${requestFrom} WHERE r.id = $1`, [id]);
    return c.json({ moved, adoptionRequest: withMoves(rows[0]!) });
  });

  return app;
}
