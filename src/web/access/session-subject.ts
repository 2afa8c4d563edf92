import { z } from 'zod';

/** Who a session belongs to: the operator (admin token) or a GitHub user. */
export type SessionSubject = { kind: 'admin' } | { kind: 'user'; id: number; login: string };

const ADMIN_SUBJECT = 'admin-token';
// GitHub logins are letters, digits and single hyphens; anything else in the store is not ours.
const userSubject = z.string().regex(/^github:(\d+):([A-Za-z0-9-]{1,39}(\[bot\])?)$/);

/** The `web_sessions.subject` text for a subject. */
export function formatSubject(subject: SessionSubject): string {
  return subject.kind === 'admin' ? ADMIN_SUBJECT : `github:${subject.id}:${subject.login}`;
}

/** Reads `web_sessions.subject` back; undefined for text no version of Runway wrote. */
export function parseSubject(text: string): SessionSubject | undefined {
  if (text === ADMIN_SUBJECT) return { kind: 'admin' };
  if (!userSubject.safeParse(text).success) return undefined;
  const [, id, login] = text.split(':') as [string, string, string];
  return { kind: 'user', id: Number(id), login };
}
