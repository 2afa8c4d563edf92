import { Hono } from 'hono';
import type { Db } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { conflict, notFound } from '../http/errors.ts';
import { body, idParam, query } from '../http/validate.ts';
import { updateSet } from '../http/update-set.ts';
import { requirePermission } from '../auth/require-auth.ts';
import { adopterBody, adopterPatch, blackListBody } from '../schemas/adopters.ts';
import { adopterFilter } from '../schemas/filters.ts';
import { adopterColumns, findAdopters } from '../adopters/find-adopters.ts';

const fieldColumns = { name: 'name', email: 'email', phone: 'phone', address: 'address', notes: 'notes' };

/** Adopters: register, search, edit, black list. Mounted behind requireAuth. */
export function adopterRoutes(db: Db) {
  const app = new Hono<AppEnv>();
  const read = requirePermission('adopters.read');
  const write = requirePermission('adopters.write');
  const blackList = requirePermission('adopters.black_list');

  app.get('/', read, async (c) => c.json({ adopters: await findAdopters(db, query(c, adopterFilter)) }));

  app.get('/:id', read, async (c) => {
    const { rows } = await db.query(`SELECT ${adopterColumns} FROM adopters WHERE id = $1`, [idParam(c)]);
    if (!rows[0]) throw notFound('adopter');
    return c.json({ adopter: rows[0] });
  });

  app.post('/', write, async (c) => {
    const a = await body(c, adopterBody);
    const { rows } = await db.query(
      `INSERT INTO adopters (name, email, phone, address, notes) VALUES ($1, $2, $3, $4, $5) RETURNING ${adopterColumns}`,
      [a.name, a.email, a.phone ?? null, a.address ?? null, a.notes],
    );
    return c.json({ adopter: rows[0] }, 201);
  });

  app.patch('/:id', write, async (c) => {
    const id = idParam(c);
    const set = updateSet(await body(c, adopterPatch), fieldColumns);
    const { rows } = await db.query(
      `UPDATE adopters SET ${set.sql}, updated_at = now() WHERE id = $1 RETURNING ${adopterColumns}`,
      [id, ...set.values],
    );
    if (!rows[0]) throw notFound('adopter');
    return c.json({ adopter: rows[0] });
  });

  app.delete('/:id', write, async (c) => {
    const id = idParam(c);
    const used = await db.query('SELECT 1 FROM adoption_requests WHERE adopter_id = $1 LIMIT 1', [id]);
    if (used.rowCount) throw conflict('the adopter has adoption requests; keep them for the record');
    const deleted = await db.query('DELETE FROM adopters WHERE id = $1', [id]);
    if (!deleted.rowCount) throw notFound('adopter');
    return c.body(null, 204);
  });

  // Listing again keeps the first date and updates the reason.
  app.put('/:id/black-list', blackList, async (c) => {
    const id = idParam(c);
    const { reason } = await body(c, blackListBody);
    const { rows } = await db.query(
      `UPDATE adopters SET black_listed_at = coalesce(black_listed_at, now()), black_list_reason = $2,
              black_listed_by = $3, updated_at = now()
        WHERE id = $1 RETURNING ${adopterColumns}`,
      [id, reason, c.var.account.id],
    );
    if (!rows[0]) throw notFound('adopter');
    return c.json({ adopter: rows[0] });
  });

  app.delete('/:id/black-list', blackList, async (c) => {
    const { rows } = await db.query(
      `UPDATE adopters SET black_listed_at = NULL, black_list_reason = '', black_listed_by = NULL, updated_at = now()
        WHERE id = $1 RETURNING ${adopterColumns}`,
      [idParam(c)],
    );
    if (!rows[0]) throw notFound('adopter');
    return c.json({ adopter: rows[0] });
  });

  return app;
}
