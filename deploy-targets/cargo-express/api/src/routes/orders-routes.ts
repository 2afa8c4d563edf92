import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Database } from '../database.ts';
import { BEARER_SCHEME } from '../http/require-bearer.ts';
import { errorAnswers, errorSchema, jsonAnswer, validationHook } from '../http/validation.ts';
import { listOrders } from '../orders/list-orders.ts';
import { decodeCursor } from '../orders/order-cursor.ts';
import { orderSchema, recordedOrderSchema, storedOrderSchema } from '../orders/order-schema.ts';
import { recordOrder } from '../orders/record-order.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

const listQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .optional()
    .openapi({ type: 'integer', description: `Page size (1-${MAX_PAGE_SIZE}); with neither limit nor cursor, every order` }),
  cursor: z.string().min(1).max(1000).optional().openapi({ description: '`next_cursor` of the previous page' }),
});

const recordedSchema = z
  .object({ message: z.literal('Pedido registrado exitosamente'), pedido: recordedOrderSchema })
  .openapi('PedidoRegistradoRespuesta');
const pageSchema = z.object({ pedidos: z.array(storedOrderSchema), next_cursor: z.string().nullable() }).openapi('PaginaPedidos');

const security = [{ [BEARER_SCHEME]: [] }];

const recordRoute = createRoute({
  method: 'post',
  path: '/registrar_pedido_entregado',
  summary: 'Record a delivered order',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: orderSchema } } } },
  responses: {
    200: jsonAnswer(recordedSchema, 'Recorded (200, as the original API answered)'),
    400: errorAnswers[400],
    401: errorAnswers[401],
    409: jsonAnswer(errorSchema, 'An order with this pedido_id was already recorded'),
    413: errorAnswers[413],
    415: errorAnswers[415],
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/pedidos',
  summary: 'Orders, newest first: every order, or one page with limit/cursor',
  security,
  request: { query: listQuery },
  responses: { 200: jsonAnswer(pageSchema, 'Orders'), 400: errorAnswers[400], 401: errorAnswers[401] },
});

/** POST /registrar_pedido_entregado and GET /pedidos; mount behind requireBearer. */
export function ordersRoutes(db: Database, timeZone: string) {
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(recordRoute, async (c) => {
      const sent = c.req.valid('json');
      // The specification's own example carries no timestamp: the order was delivered when it arrived.
      const order = { ...sent, timestamp: sent.timestamp ?? new Date().toISOString() };
      const result = await recordOrder(db, order, timeZone);
      if (!result.ok) return c.json({ detail: `Order ${order.pedido_id} was already recorded` }, 409);
      // 200 and this body, as the original API answered: existing clients check for exactly that.
      return c.json({ message: 'Pedido registrado exitosamente' as const, pedido: order }, 200);
    })
    .openapi(listRoute, async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (cursor !== undefined && after === undefined) {
        return c.json({ detail: 'Invalid query parameters', errors: [{ path: 'cursor', message: 'is not a cursor from a previous page' }] }, 400);
      }
      // A client written for the specification asks for /pedidos and expects every order.
      const pageSize = limit ?? (cursor === undefined ? undefined : DEFAULT_PAGE_SIZE);
      return c.json(await listOrders(db, { limit: pageSize, after }), 200);
    });
}
