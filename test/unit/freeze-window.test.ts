import { describe, expect, it } from 'vitest';
import { formatConfigProblems, parseDeployConfig } from '../../src/config/parse-deploy-config.ts';
import { activeFreeze } from '../../src/flow/freeze-window.ts';

const friday = { schedule: '0 18 * * FRI', duration: '64h', time_zone: 'Europe/Berlin', merges: 'queue' as const };

describe('activeFreeze', () => {
  it.each([
    ['2026-12-04T16:59:59Z', undefined],
    ['2026-12-04T17:00:00Z', '2026-12-07T09:00:00.000Z'],
    ['2026-12-06T12:00:00Z', '2026-12-07T09:00:00.000Z'],
    ['2026-12-07T08:59:59Z', '2026-12-07T09:00:00.000Z'],
    ['2026-12-07T09:00:00Z', undefined],
  ])('at %s the window ends at %s', (at, end) => {
    expect(activeFreeze([friday], new Date(at))?.end.toISOString()).toBe(end);
  });

  it('follows the time zone across daylight saving time (18:00 in Berlin is 16:00 UTC in summer)', () => {
    expect(activeFreeze([friday], new Date('2026-07-03T16:30:00Z'))?.start.toISOString()).toBe('2026-07-03T16:00:00.000Z');
  });

  it('takes the window that ends last when two overlap', () => {
    const nightly = { schedule: '0 17 * * *', duration: '1h', time_zone: 'UTC', merges: 'refuse' as const };
    expect(activeFreeze([nightly, friday], new Date('2026-12-04T17:30:00Z'))?.window).toBe(friday);
  });
});

describe('freeze config', () => {
  const config = (window: string) => `environments:
  production:
    freeze:
      - ${window}
    backend: { provider: command, run: echo ok }
`;

  it('reads a window with its defaults', () => {
    const parsed = parseDeployConfig(config('{ schedule: "0 18 * * FRI", duration: 64h }'));
    expect(parsed.ok && parsed.config.environments.production!.freeze).toEqual([
      { schedule: '0 18 * * FRI', duration: '64h', time_zone: 'UTC', merges: 'queue' },
    ]);
  });

  it.each([
    [
      '{ schedule: "61 18 * * FRI", duration: 64h }',
      /^\.github\/deploy\.yml:4:\d+ environments\.production\.freeze\.0\.schedule: .*minute: 61/,
    ],
    [
      '{ schedule: "0 18 * * FRX", duration: 64h }',
      /^\.github\/deploy\.yml:4:\d+ environments\.production\.freeze\.0\.schedule: is not a cron schedule/,
    ],
    [
      '{ schedule: "0 18 * * FRI", duration: 3 days }',
      /^\.github\/deploy\.yml:4:\d+ environments\.production\.freeze\.0\.duration: must be <n>m, <n>h or <n>d/,
    ],
    [
      '{ schedule: "0 18 * * FRI", duration: 1h, time_zone: Mars/Olympus }',
      /^\.github\/deploy\.yml:4:\d+ environments\.production\.freeze\.0\.time_zone: must be an IANA time zone/,
    ],
  ])('%s is a config error with file:line:column', (window, message) => {
    const parsed = parseDeployConfig(config(window));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(formatConfigProblems(parsed.problems)).toMatch(message);
  });
});
