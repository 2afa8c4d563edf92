import { z } from '@hono/zod-openapi';
import type { Database } from '../database.ts';

/** `top_3_productos` keeps the original API's shape: [producto, units sold] pairs. */
export const dayMetricsSchema = z
  .object({
    fecha: z.string().openapi({ example: '2025-03-10' }),
    zona_horaria: z.string().openapi({ example: 'America/Bogota' }),
    moneda: z.string().openapi({ description: 'ISO 4217 code of every amount', example: 'COP' }),
    top_3_productos: z.array(z.tuple([z.string(), z.number().int()])),
    precio_promedio_por_pedido: z.number(),
    acumulado_ventas_dia: z.number(),
    pedidos_del_dia: z.number().int(),
  })
  .openapi('Metricas');
export type DayMetrics = z.infer<typeof dayMetricsSchema>;

export type DayMetricsOptions = { timeZone: string; currency: string; date?: string | undefined };

type MetricsRow = {
  fecha: string;
  top_3_productos: Array<[string, number]>;
  precio_promedio_por_pedido: number;
  acumulado_ventas_dia: number;
  pedidos_del_dia: number;
};

/**
 * The metrics of one calendar day in `timeZone` (today when `date` is absent), computed in SQL
 * over that day's index range only. Each product line of an order is one unit sold, and products
 * are counted by name, as the specification's scan did (two ids with one name are one product).
 */
export async function dayMetrics(db: Database, { timeZone, currency, date }: DayMetricsOptions): Promise<DayMetrics> {
  const { rows } = await db.query<MetricsRow>(
    `WITH day AS (
       SELECT d AS fecha,
              d::timestamp AT TIME ZONE $1::text AS starts,
              (d + 1)::timestamp AT TIME ZONE $1::text AS ends
       FROM (SELECT coalesce($2::date, (now() AT TIME ZONE $1::text)::date) AS d) chosen
     ),
     day_items AS (
       SELECT i.pedido_id, i.producto, i.precio
       FROM day
       JOIN orders o ON o.delivered_at >= day.starts AND o.delivered_at < day.ends
       JOIN order_items i ON i.pedido_id = o.pedido_id
     ),
     order_totals AS (
       SELECT pedido_id, sum(precio) AS total FROM day_items GROUP BY pedido_id
     ),
     top_products AS (
       SELECT producto, count(*)::int AS unidades
       FROM day_items
       GROUP BY producto
       ORDER BY unidades DESC, producto ASC
       LIMIT 3
     )
     SELECT to_char(day.fecha, 'YYYY-MM-DD') AS fecha,
            coalesce((SELECT json_agg(json_build_array(producto, unidades) ORDER BY unidades DESC, producto ASC)
                      FROM top_products), '[]'::json) AS top_3_productos,
            coalesce((SELECT round(avg(total), 2) FROM order_totals), 0)::float8 AS precio_promedio_por_pedido,
            coalesce((SELECT sum(total) FROM order_totals), 0)::float8 AS acumulado_ventas_dia,
            (SELECT count(*) FROM order_totals)::int AS pedidos_del_dia
     FROM day`,
    [timeZone, date ?? null],
  );
  const row = rows[0];
  if (!row) throw new Error('metrics query returned no row');
  return { ...row, zona_horaria: timeZone, moneda: currency };
}
