import type { Queryable } from './database.ts';

/** What Runway did with a comment the first time it saw it. */
export type CommentOutcome = 'queued' | 'too_old';

/**
 * Claims a comment for Runway, once for all time: true the first time a (repository id, comment id)
 * pair is seen, false for every replay of it, whatever delivery id carries it.
 */
export async function claimComment(
  tx: Queryable,
  comment: { repositoryId: number; commentId: number; outcome: CommentOutcome },
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO comment_commands (repository_id, comment_id, outcome) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING comment_id`,
    [comment.repositoryId, comment.commentId, comment.outcome],
  );
  return rows.length > 0;
}
