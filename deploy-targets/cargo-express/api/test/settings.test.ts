import { describe, expect, it } from 'vitest';
import { loadSettings } from '../src/settings.ts';

const SECRET = 'x'.repeat(32);
const BASE = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cargo', JWT_SECRET: SECRET };

describe('loadSettings', () => {
  it('refuses to start without JWT_SECRET, without printing any value', () => {
    const result = loadSettings({ DATABASE_URL: 'postgres://user:hunter2@db/cargo' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/JWT_SECRET is required/);
    expect(result.message).not.toContain('hunter2');
  });

  it('refuses a short JWT_SECRET and a missing DATABASE_URL', () => {
    const result = loadSettings({ JWT_SECRET: 'short' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/DATABASE_URL is required/);
    expect(result.message).toMatch(/JWT_SECRET must be at least 32 characters/);
  });

  it('applies the defaults', () => {
    expect(loadSettings(BASE)).toEqual({
      ok: true,
      settings: { ...BASE, DATABASE_SSL: 'disable', CORS_ORIGIN: [], METRICS_TIME_ZONE: 'America/Bogota', CURRENCY: 'COP', PORT: 8000 },
    });
  });

  it('splits CORS_ORIGIN on commas and checks each origin', () => {
    const ok = loadSettings({ ...BASE, CORS_ORIGIN: 'https://a.example.com, http://localhost:5173', PORT: '5000' });
    expect(ok.ok && ok.settings.CORS_ORIGIN).toEqual(['https://a.example.com', 'http://localhost:5173']);
    expect(ok.ok && ok.settings.PORT).toBe(5000);
    const bad = loadSettings({ ...BASE, CORS_ORIGIN: 'https://a.example.com/dashboard/' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/CORS_ORIGIN/);
  });

  it('refuses an unknown time zone', () => {
    const result = loadSettings({ ...BASE, METRICS_TIME_ZONE: 'Mars/Olympus' });
    expect(!result.ok && result.message).toMatch(/METRICS_TIME_ZONE must be an IANA time zone/);
  });

  it('takes another ISO 4217 currency and refuses anything else', () => {
    const soles = loadSettings({ ...BASE, CURRENCY: 'PEN' });
    expect(soles.ok && soles.settings.CURRENCY).toBe('PEN');
    for (const CURRENCY of ['pesos', 'cop', 'XYZW']) {
      const result = loadSettings({ ...BASE, CURRENCY });
      expect(!result.ok && result.message, CURRENCY).toMatch(/CURRENCY must be an ISO 4217 currency code/);
    }
  });
});
