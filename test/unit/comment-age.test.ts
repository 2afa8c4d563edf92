import { describe, expect, it } from 'vitest';
import { commentAgeSeconds } from '../../src/chatops/comment-age.ts';
import { lateCommentNote } from '../../src/chatops/late-comment-note.ts';

describe('the age of a comment command', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('is the seconds since created_at; clock skew into the future counts as new', () => {
    expect(commentAgeSeconds('2026-12-01T11:55:00Z', now)).toBe(300);
    expect(commentAgeSeconds('2026-12-01T12:00:03Z', now)).toBe(0);
  });

  it('is infinite for a timestamp that cannot be read, so such a comment never runs', () => {
    expect(commentAgeSeconds('yesterday', now)).toBe(Number.POSITIVE_INFINITY);
  });

  it('is named in the note in units people read', () => {
    expect(lateCommentNote(45, 300)).toMatch(/^Runway received this command 45 s after .* later than the 5 min it accepts/);
    expect(lateCommentNote(3 * 86_400, 300)).toContain('3 days after');
    expect(lateCommentNote(null, 300)).toContain('an unknown time after');
  });
});
