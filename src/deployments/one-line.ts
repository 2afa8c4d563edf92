import type { Redactor } from '../log/redactor.ts';

/** GitHub's limit for a deployment status description. */
export const DESCRIPTION_LIMIT = 140;

/** Text as one redacted line of at most `limit` characters, for statuses and chat. */
export function oneLine(text: string, redactor: Redactor, limit = DESCRIPTION_LIMIT): string {
  const flat = redactor.redact(text).replace(/\s+/g, ' ').trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1)}…`;
}
