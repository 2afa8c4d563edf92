import type { Database } from '../database.ts';
import { hasOffset, type RecordedOrder } from './order-schema.ts';

export type RecordOrderResult = { ok: true } | { ok: false; reason: 'duplicate' };

/** Stores an order and its products in one transaction; a second order with the same pedido_id is refused. */
export async function recordOrder(db: Database, order: RecordedOrder, timeZone: string): Promise<RecordOrderResult> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query(
      `INSERT INTO orders (pedido_id, repartidor, timestamp_text, delivered_at)
       VALUES ($1, $2::jsonb, $3::text,
               CASE WHEN $4::boolean THEN $3::text::timestamptz ELSE $3::text::timestamp AT TIME ZONE $5::text END)
       ON CONFLICT (pedido_id) DO NOTHING`,
      [order.pedido_id, JSON.stringify(order.repartidor), order.timestamp, hasOffset(order.timestamp), timeZone],
    );
    if (inserted.rowCount === 0) {
      await client.query('ROLLBACK');
      return { ok: false, reason: 'duplicate' };
    }
    await client.query(
      `INSERT INTO order_items (pedido_id, position, id_producto, producto, precio)
       SELECT $1, item.ordinality - 1, item.id_producto, item.producto, item.precio
       FROM unnest($2::text[], $3::text[], $4::numeric[]) WITH ORDINALITY AS item(id_producto, producto, precio, ordinality)`,
      [
        order.pedido_id,
        order.productos.map((p) => p.IdProducto),
        order.productos.map((p) => p.producto),
        order.productos.map((p) => String(p.precio)),
      ],
    );
    await client.query('COMMIT');
    return { ok: true };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
