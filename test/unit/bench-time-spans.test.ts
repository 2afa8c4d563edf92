import { describe, expect, it } from 'vitest';
import { coveredMs, median } from '../../bench/support/time-spans.ts';

describe('coveredMs (the platform-work measure of bench/heroku-deploy.ts)', () => {
  it('counts overlapping spans once and leaves out what lies outside the window', () => {
    const window = { start: 100, end: 200 };
    const spans = [
      { start: 50, end: 120 }, // 20 inside
      { start: 110, end: 130 }, // overlaps the first: adds 10
      { start: 150, end: 160 }, // 10
      { start: 155, end: 158 }, // inside the previous one: nothing
      { start: 190, end: 400 }, // 10 inside
      { start: 300, end: 310 }, // outside
    ];
    expect(coveredMs(spans, window)).toBe(50);
  });

  it('is zero without spans, and the whole window when one span covers it', () => {
    expect(coveredMs([], { start: 0, end: 10 })).toBe(0);
    expect(coveredMs([{ start: -5, end: 50 }], { start: 0, end: 10 })).toBe(10);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
