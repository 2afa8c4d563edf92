import { z } from '@hono/zod-openapi';
import { safeText } from '../http/safe-text.ts';

// Python clients send str(datetime.now()) ("2024-09-14 12:00:00.123456", no offset), so a space
// separator and a missing offset are accepted; a missing offset means local time in METRICS_TIME_ZONE.
// Offsets stop at ±15:59, PostgreSQL's range, so a well-formed but impossible offset is a 400.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](?:0\d|1[0-5])(?::?[0-5]\d)?)?$/i;

function isRealDateTime(value: string): boolean {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? '0')) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour, minute, second));
  // Date.UTC maps years 0-99 to 1900-1999, so years before 100 fail the first comparison.
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60
  );
}

/** True when the timestamp names its own offset (Z or ±hh:mm), so no time zone is needed to place it. */
export function hasOffset(timestamp: string): boolean {
  return ISO_DATE_TIME.exec(timestamp)?.[7] !== undefined;
}

const cents = (value: number) => Math.round(value * 100) / 100 === value;

/** The largest price the `numeric(14, 2)` column holds. */
export const MAX_PRICE = 999_999_999_999.99;

export const productSchema = z
  .object({
    IdProducto: safeText(1, 100),
    producto: safeText(1, 200).openapi({ description: 'Product name; the metrics group products by it' }),
    precio: z.number().nonnegative().max(MAX_PRICE).refine(cents, 'must have at most two decimals'),
  })
  .openapi('Producto');

export const courierSchema = z
  .object({
    IdRepartidor: z.union([z.number().int(), safeText(1, 100)]),
    Nombre: safeText(1, 200),
  })
  .openapi('Repartidor');

export const orderSchema = z
  .object({
    pedido_id: safeText(1, 200),
    repartidor: courierSchema,
    productos: z.array(productSchema).min(1).max(500),
    timestamp: z
      .string()
      .refine(isRealDateTime, 'must be an ISO 8601 date-time such as 2024-09-14T12:00:00-05:00')
      .optional()
      .openapi({ description: "When the order was delivered; absent: the server's time on arrival" }),
  })
  .openapi('Pedido');

export type Order = z.infer<typeof orderSchema>;
export type Product = z.infer<typeof productSchema>;

/** An order once recorded: the timestamp is always there (the server's time when the client sent none). */
export const recordedOrderSchema = orderSchema.extend({ timestamp: z.string() }).openapi('PedidoRegistrado');
export type RecordedOrder = z.infer<typeof recordedOrderSchema>;

/** An order as GET /pedidos returns it: what the client sent, plus the instant it denotes and its total. */
export const storedOrderSchema = recordedOrderSchema
  .extend({
    delivered_at: z.string().openapi({ description: 'The delivery instant in UTC, with microseconds' }),
    total: z.number(),
  })
  .openapi('PedidoGuardado');
export type StoredOrder = z.infer<typeof storedOrderSchema>;
