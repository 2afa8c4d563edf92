import { z } from 'zod';
import { safeText } from '../http/safe-text.ts';

// Orders are dated from year 0100 to 9999 (order-schema.ts); a cursor outside that range in µs since
// the epoch was not issued here, and PostgreSQL could not place it in time.
const EARLIEST_MICROS = -58_000_000_000_000_000n;
const LATEST_MICROS = 253_403_000_000_000_000n;

/** Where a page of GET /pedidos stopped: the last order's instant (µs since the epoch) and id. */
const cursorSchema = z
  .object({
    // One check: zod runs a refinement even after the regex failed, and BigInt('x') throws.
    at: z.string().refine((at) => /^-?\d{1,18}$/.test(at) && BigInt(at) >= EARLIEST_MICROS && BigInt(at) <= LATEST_MICROS),
    id: safeText(1, 200),
  })
  .strict();

export type OrderCursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: OrderCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** The cursor, or undefined when the text is not one this API issued. */
export function decodeCursor(text: string): OrderCursor | undefined {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  const parsed = cursorSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
