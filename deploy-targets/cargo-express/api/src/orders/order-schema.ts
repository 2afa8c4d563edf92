import { z } from 'zod';

// Python clients send str(datetime.now()) ("2024-09-14 12:00:00.123456", no offset), so a space
// separator and a missing offset are accepted; a missing offset means local time in METRICS_TIME_ZONE.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function isRealDateTime(value: string): boolean {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? '0')) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour, minute, second));
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

export const productSchema = z.object({
  IdProducto: z.string().trim().min(1).max(100),
  producto: z.string().trim().min(1).max(200),
  precio: z.number().nonnegative().max(1e12).refine(cents, 'must have at most two decimals'),
});

export const courierSchema = z.object({
  IdRepartidor: z.union([z.number().int(), z.string().trim().min(1).max(100)]),
  Nombre: z.string().trim().min(1).max(200),
});

export const orderSchema = z.object({
  pedido_id: z.string().trim().min(1).max(200),
  repartidor: courierSchema,
  productos: z.array(productSchema).min(1).max(500),
  timestamp: z
    .string()
    .refine(isRealDateTime, 'must be an ISO 8601 date-time such as 2024-09-14T12:00:00-05:00'),
});

export type Order = z.infer<typeof orderSchema>;
export type Product = z.infer<typeof productSchema>;

/** An order as GET /pedidos returns it: what the client sent, plus the instant it denotes and its total. */
export type StoredOrder = Order & { delivered_at: string; total: number };
