import { Hono } from 'hono';
import type { Db } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { conflict, notFound } from '../http/errors.ts';
import { body, idParam, query } from '../http/validate.ts';
import { updateSet } from '../http/update-set.ts';
import { requirePermission } from '../auth/require-auth.ts';
import { adopterBody, adopterPatch, adopterSearchQuery, blackListBody } from '../schemas/adopters.ts';

const columns = `id::text, name, email, phone, address, notes,
  black_listed_at IS NOT NULL AS "blackListed", black_listed_at AS "blackListedAt", black_list_reason AS "blackListReason",
  created_at AS "createdAt", updated_at AS "updatedAt"`;
const fieldColumns = { name: 'name', email: 'email', phone: 'phone', address: 'address', notes: 'notes' };

/** `%` and `_` in a search are letters, not wildcards. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Adopters: register, search, edit, black list. Mounted behind requireAuth. */
export function adopterRoutes(db: Db) {
  const app = new Hono<AppEnv>();
  const read = requirePermission('adopters.read');
  const write = requirePermission('adopters.write');
  const blackList = requirePermission('adopters.black_list');

  app.get('/', read, async (c) => {
    const { q, blackListed } = query(c, adopterSearchQuery);
    const { rows } = await db.query(
      `SELECT ${columns} FROM adopters
        WHERE ($1::text IS NULL OR name ILIKE $1 OR email ILIKE $1 OR coalesce(phone, '') ILIKE $1)
          AND ($2::boolean IS NULL OR (black_listed_at IS NOT NULL) = $2)
        ORDER BY id`,
      [q ? likePattern(q) : null, blackListed === undefined ? null : blackListed === 'true'],
    );
    return c.json({ adopters: rows });
  });

  app.get('/:id', read, async (c) => {
    const { rows } = await db.query(`SELECT ${columns} FROM adopters WHERE id = $1`, [idParam(c)]);
    if (!rows[0]) throw notFound('adopter');
    return c.json({ adopter: rows[0] });
  });

  app.post('/', write, async (c) => {
    const a = await body(c, adopterBody);
    const { rows } = await db.query(
      `INSERT INTO adopters (name, email, phone, address, notes) VALUES ($1, $2, $3, $4, $5) RETURNING ${columns}`,
      [a.name, a.email, a.phone ?? null, a.address ?? null, a.notes],
    );
    return c.json({ adopter: rows[0] }, 201);
  });

  app.patch('/:id', write, async (c) => {
    const id = idParam(c);
    const set = updateSet(await body(c, adopterPatch), fieldColumns);
    const { rows } = await db.query(
      `UPDATE adopters SET ${set.sql}, updated_at = now() WHERE id = $1 RETURNING ${columns}`,
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
        WHERE id = $1 RETURNING ${columns}`,
      [id, reason, c.var.account.id],
    );
    if (!rows[0]) throw notFound('adopter');
    return c.json({ adopter: rows[0] });
  });

  app.delete('/:id/black-list', blackList, async (c) => {
    const { rows } = await db.query(
      `UPDATE adopters SET black_listed_at = NULL, black_list_reason = '', black_listed_by = NULL, updated_at = now()
        WHERE id = $1 RETURNING ${columns}`,
      [idParam(c)],
    );
    if (!rows[0]) throw notFound('adopter');
    return c.json({ adopter: rows[0] });
  });

  return app;
}
