import { z } from 'zod';

/** Where a page of GET /pedidos stopped: the last order's instant (µs since the epoch) and id. */
const cursorSchema = z.object({ at: z.string().regex(/^-?\d{1,20}$/), id: z.string().min(1) }).strict();

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
