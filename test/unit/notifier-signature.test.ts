import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signRunwayPayload, verifyRunwaySignature } from '../../src/notifiers/index.ts';

const secret = 'a shared secret';
const body = '{"type":"succeeded","environment":"production"}';
const now = 1_700_000_000;

describe('Runway webhook signatures', () => {
  it('is HMAC-SHA256 of "timestamp.body", hex, prefixed sha256=', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signRunwayPayload(secret, now, body)).toBe(`sha256=${expected}`);
  });

  it('verifies a fresh signature and refuses anything changed', () => {
    const signature = signRunwayPayload(secret, now, body);
    const at = { nowSeconds: now + 10 };
    expect(verifyRunwaySignature(secret, String(now), body, signature, at)).toEqual({ ok: true });
    expect(verifyRunwaySignature(secret, now, `${body} `, signature, at)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyRunwaySignature(`${secret}!`, now, body, signature, at)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyRunwaySignature(secret, now + 1, body, signature, { nowSeconds: now })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses stale and future timestamps outside the tolerance', () => {
    const signature = signRunwayPayload(secret, now, body);
    expect(verifyRunwaySignature(secret, now, body, signature, { nowSeconds: now + 301 })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
    expect(verifyRunwaySignature(secret, now, body, signature, { nowSeconds: now - 301 })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
    expect(verifyRunwaySignature(secret, now, body, signature, { nowSeconds: now + 301, toleranceSeconds: 600 })).toEqual({ ok: true });
  });

  it('refuses malformed headers without throwing', () => {
    const signature = signRunwayPayload(secret, now, body);
    const at = { nowSeconds: now };
    expect(verifyRunwaySignature(secret, now, body, signature.toUpperCase(), at)).toEqual({ ok: false, reason: 'malformed_signature' });
    expect(verifyRunwaySignature(secret, now, body, signature.slice(0, -1), at)).toEqual({ ok: false, reason: 'malformed_signature' });
    expect(verifyRunwaySignature(secret, now, body, '', at)).toEqual({ ok: false, reason: 'malformed_signature' });
    expect(verifyRunwaySignature(secret, '1e9', body, signature, at)).toEqual({ ok: false, reason: 'malformed_timestamp' });
    expect(verifyRunwaySignature(secret, '', body, signature, at)).toEqual({ ok: false, reason: 'malformed_timestamp' });
  });
});
