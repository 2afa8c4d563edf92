/** `<n>m`, `<n>h` or `<n>d`: the durations of `/lock … for` and of freeze windows. */
export const DURATION_PATTERN = /^(\d{1,6})([mhd])$/i;

const unitMinutes: Readonly<Record<string, number>> = { m: 1, h: 60, d: 24 * 60 };

/** The minutes of a duration such as `30m`, `2h` or `3d`; undefined when it is not one. */
export function durationMinutes(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text);
  return match ? Number(match[1]) * (unitMinutes[match[2]!.toLowerCase()] ?? 1) : undefined;
}
