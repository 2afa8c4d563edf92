import type { Database } from '../database.ts';
import { encodeCursor, type OrderCursor } from './order-cursor.ts';
import type { StoredOrder } from './order-schema.ts';

export type OrderPage = { pedidos: StoredOrder[]; next_cursor: string | null };

type OrderRow = {
  pedido_id: string;
  repartidor: StoredOrder['repartidor'];
  timestamp_text: string;
  delivered_at: string;
  cursor_at: string;
  productos: StoredOrder['productos'];
  total: number;
};

/** Newest first (by delivery instant, then pedido_id), one keyset page at a time; no limit: every order. */
export async function listOrders(db: Database, page: { limit: number | undefined; after: OrderCursor | undefined }): Promise<OrderPage> {
  const { rows } = await db.query<OrderRow>(
    `SELECT o.pedido_id, o.repartidor, o.timestamp_text,
            to_char(o.delivered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS delivered_at,
            (extract(epoch FROM o.delivered_at) * 1000000)::bigint::text AS cursor_at,
            items.productos, items.total
     FROM orders o
     CROSS JOIN LATERAL (
       SELECT jsonb_agg(jsonb_build_object('IdProducto', i.id_producto, 'producto', i.producto, 'precio', i.precio)
                        ORDER BY i.position) AS productos,
              coalesce(sum(i.precio), 0)::float8 AS total
       FROM order_items i WHERE i.pedido_id = o.pedido_id
     ) items
     WHERE $1::bigint IS NULL
        OR (o.delivered_at, o.pedido_id) < ('epoch'::timestamptz + $1::bigint * interval '1 microsecond', $2::text)
     ORDER BY o.delivered_at DESC, o.pedido_id DESC
     LIMIT $3`,
    [page.after?.at ?? null, page.after?.id ?? null, page.limit === undefined ? null : page.limit + 1],
  );
  const limit = page.limit ?? rows.length;
  const visible = rows.slice(0, limit);
  const last = visible.at(-1);
  return {
    pedidos: visible.map((row) => ({
      pedido_id: row.pedido_id,
      repartidor: row.repartidor,
      productos: row.productos,
      timestamp: row.timestamp_text,
      delivered_at: row.delivered_at,
      total: row.total,
    })),
    next_cursor: rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.pedido_id }) : null,
  };
}
