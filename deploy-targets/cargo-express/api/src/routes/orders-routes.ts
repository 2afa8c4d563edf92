import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { badRequest, parseJsonBody, parseQuery } from '../http/validation.ts';
import { listOrders } from '../orders/list-orders.ts';
import { decodeCursor } from '../orders/order-cursor.ts';
import { orderSchema } from '../orders/order-schema.ts';
import { recordOrder } from '../orders/record-order.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).optional(),
});

/** POST /registrar_pedido_entregado and GET /pedidos; mount behind requireBearer. */
export function ordersRoutes(db: Database, timeZone: string) {
  return new Hono()
    .post('/registrar_pedido_entregado', async (c) => {
      const body = await parseJsonBody(c, orderSchema);
      if (!body.ok) return body.response;
      const result = await recordOrder(db, body.value, timeZone);
      if (!result.ok) return c.json({ detail: `Order ${body.value.pedido_id} was already recorded` }, 409);
      // 200 and this body, as the original API answered: existing clients check for exactly that.
      return c.json({ message: 'Pedido registrado exitosamente', pedido: body.value }, 200);
    })
    .get('/pedidos', async (c) => {
      const query = parseQuery(c, listQuery);
      if (!query.ok) return query.response;
      const after = query.value.cursor === undefined ? undefined : decodeCursor(query.value.cursor);
      if (query.value.cursor !== undefined && after === undefined) {
        return badRequest(c, 'Invalid query parameters', [
          { path: 'cursor', message: 'is not a cursor from a previous page' },
        ]);
      }
      return c.json(await listOrders(db, { limit: query.value.limit, after }));
    });
}
