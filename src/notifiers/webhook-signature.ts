import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex of HMAC-SHA256(secret, timestamp + "." + body)>`: the X-Runway-Signature header. */
export function signRunwayPayload(secret: string, timestamp: number | string, body: string | Buffer): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(body);
  return `sha256=${hmac.digest('hex')}`;
}

export type SignatureCheck =
  { ok: true } | { ok: false; reason: 'malformed_signature' | 'malformed_timestamp' | 'stale_timestamp' | 'mismatch' };

/**
 * Checks a Runway webhook on the receiving side. Pass the raw request body (the exact bytes, not a
 * re-serialised object) and the X-Runway-Timestamp and X-Runway-Signature headers. Requests older
 * (or newer) than `toleranceSeconds` are refused, so that a captured request cannot be replayed.
 */
export function verifyRunwaySignature(
  secret: string,
  timestamp: string | number,
  body: string | Buffer,
  signature: string,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): SignatureCheck {
  const { toleranceSeconds = 300, nowSeconds = Math.floor(Date.now() / 1000) } = options;
  if (!/^sha256=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'malformed_signature' };
  const stamp = String(timestamp);
  if (!/^[0-9]{1,12}$/.test(stamp)) return { ok: false, reason: 'malformed_timestamp' };
  if (Math.abs(nowSeconds - Number(stamp)) > toleranceSeconds) return { ok: false, reason: 'stale_timestamp' };
  const expected = Buffer.from(signRunwayPayload(secret, stamp, body));
  return timingSafeEqual(expected, Buffer.from(signature)) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
