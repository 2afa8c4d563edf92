/**
 * Builds `col = $n, ...` for a PATCH from a whitelist of columns, so that field names never come
 * from the client. Values start at $2 ($1 is the row id).
 */
export function updateSet(patch: Record<string, unknown>, columns: Record<string, string>): { sql: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  for (const [field, value] of Object.entries(patch)) {
    const column = columns[field];
    if (!column || value === undefined) continue;
    values.push(value);
    parts.push(`${column} = $${values.length + 1}`);
  }
  return { sql: parts.join(', '), values };
}
