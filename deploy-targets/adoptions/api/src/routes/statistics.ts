import { Hono } from 'hono';
import type { Db } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { requirePermission } from '../auth/require-auth.ts';

type Count = { key: string; count: number };

/** The animal statistics the shelter asked for: who is here, who left, and how adoptions went month by month. */
export function statisticsRoutes(db: Db) {
  const app = new Hono<AppEnv>();

  app.get('/animals', requirePermission('animals.read'), async (c) => {
    const countBy = async (sql: string): Promise<Count[]> => (await db.query<Count>(sql)).rows;
    const [byStatus, bySpecies, bySex, requestsByState, adoptionsByMonth, events] = await Promise.all([
      countBy(`SELECT status AS key, count(*)::int AS count FROM animals GROUP BY status ORDER BY status`),
      countBy(`SELECT lower(species) AS key, count(*)::int AS count FROM animals GROUP BY 1 ORDER BY 2 DESC, 1`),
      countBy(`SELECT sex AS key, count(*)::int AS count FROM animals GROUP BY sex ORDER BY sex`),
      countBy(`SELECT state AS key, count(*)::int AS count FROM adoption_requests GROUP BY state ORDER BY state`),
      // A completed adoption counts in the month (UTC) it was completed.
      countBy(`SELECT to_char(date_trunc('month', created_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS key, count(*)::int AS count
                 FROM adoption_request_events WHERE to_state = 'completed' GROUP BY 1 ORDER BY 1`),
      countBy(`SELECT kind AS key, count(*)::int AS count FROM animal_events GROUP BY kind ORDER BY kind`),
    ]);
    const total = byStatus.reduce((sum, row) => sum + row.count, 0);
    return c.json({ statistics: { total, byStatus, bySpecies, bySex, requestsByState, adoptionsByMonth, events } });
  });

  return app;
}
