/** A stretch of time in ms since the epoch (fractional). */
export interface Span {
  start: number;
  end: number;
}

/** How much of `window` the spans cover together: overlaps count once, what lies outside not at all. */
export function coveredMs(spans: readonly Span[], window: Span): number {
  const clipped = spans
    .map((s) => ({ start: Math.max(s.start, window.start), end: Math.min(s.end, window.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  let total = 0;
  let reach = -Infinity;
  for (const span of clipped) {
    const from = Math.max(span.start, reach);
    if (span.end > from) total += span.end - from;
    reach = Math.max(reach, span.end);
  }
  return total;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Now in ms since the epoch, with the sub-millisecond part (comparable with the sandbox's request log). */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
