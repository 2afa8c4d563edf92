/**
 * The note that answers a command which reached Runway long after it was written. It names the
 * delay, not the command: the comment is right above it, and repeating user text is a needless risk.
 */
export function lateCommentNote(ageSeconds: number | null, maxAgeSeconds: number): string {
  const age = ageSeconds === null ? 'an unknown time' : formatDuration(ageSeconds);
  return (
    `Runway received this command ${age} after it was written (a delivery after downtime, or a replay), ` +
    `later than the ${formatDuration(maxAgeSeconds)} it accepts, so it did not run it. Comment again to run it now.`
  );
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 2 * 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 2 * 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} days`;
}
