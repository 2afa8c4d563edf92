import { z } from '@hono/zod-openapi';

/** Deeper than any message a client means to send, shallow enough for every recursive reader. */
export const MAX_PAYLOAD_DEPTH = 64;

// In a /u pattern a surrogate pair is one code point, so \p{Cs} matches only unpaired halves.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /[\u0000\p{Cs}]/u;

/** Why PostgreSQL's jsonb would refuse this JSON value, or undefined when it stores it. Iterative: no stack to overflow. */
export function payloadProblem(value: unknown): string | undefined {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: item, depth } = stack.pop()!;
    if (depth > MAX_PAYLOAD_DEPTH) return `is nested deeper than ${MAX_PAYLOAD_DEPTH} levels`;
    if (typeof item === 'string' && UNSTORABLE.test(item)) return 'holds a NUL or unpaired surrogate character, which cannot be stored';
    if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (UNSTORABLE.test(key)) return 'holds a NUL or unpaired surrogate character, which cannot be stored';
        stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** Any JSON value that PostgreSQL can store as jsonb. */
export const jsonPayload = z
  .unknown()
  .superRefine((value, ctx) => {
    if (value === undefined) return void ctx.addIssue({ code: 'custom', message: 'is required' });
    const problem = payloadProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi({ description: 'Any JSON value (at most 64 levels deep)' });
